import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { listDeliveries, listWebhooks, replayDelivery, type ApiClientPublic, type DeliveryPublic, type WebhookPublic } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { ApiError } from '../../lib/apiError';
import { formatDateTime } from '../../lib/format';
import { idempotency, newKey } from '../records/lib/api';

const STATUS_COLOR: Record<string, string> = { pending: 'blue', delivered: 'green', failed: 'red' };

/** One subscription's delivery log, newest first, with "send again". */
function Deliveries({ webhook }: { webhook: WebhookPublic }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const deliveries = useQuery({
    queryKey: ['webhooks', webhook.id, 'deliveries'],
    queryFn: async () => (await listDeliveries({ path: { webhook_id: webhook.id } })).data,
  });
  const replay = useMutation({
    mutationFn: async (d: DeliveryPublic) =>
      (await replayDelivery({ path: { webhook_id: webhook.id, delivery_id: d.id }, headers: idempotency(newKey()) })).data,
    onSuccess: () => {
      void message.success(t('webhooks.replayed'));
      void queryClient.invalidateQueries({ queryKey: ['webhooks', webhook.id, 'deliveries'] });
    },
    onError: (err) => void message.error(err instanceof ApiError && err.detail ? err.detail : t('error.unknown')),
  });
  const columns: TableColumnsType<DeliveryPublic> = [
    { title: 'webhook-id', dataIndex: 'message_id', render: (v: string) => <code>{v}</code> },
    { title: t('webhooks.change'), dataIndex: 'change_id', width: 90 },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`webhooks.status.${s}` as MessageKey)}</Tag> },
    { title: t('webhooks.attempts'), dataIndex: 'attempts', width: 90 },
    { title: t('webhooks.lastAnswer'), key: 'last', render: (_: unknown, d) => d.last_error ?? d.last_status_code ?? '—' },
    { title: t('webhooks.nextAttempt'), dataIndex: 'next_attempt_at', width: 170, render: (v: string, d) => (d.status === 'pending' ? formatDateTime(v) : '—') },
    { title: '', key: 'replay', width: 90, render: (_: unknown, d) => <Button size="small" loading={replay.isPending && replay.variables?.id === d.id} onClick={() => replay.mutate(d)}>{t('webhooks.replay')}</Button> },
  ];
  return <Table<DeliveryPublic> rowKey="id" size="small" columns={columns} dataSource={deliveries.data?.data ?? []} loading={deliveries.isFetching} pagination={false} />;
}

/** The admin sees every client's subscriptions, why one was switched off, and each one's deliveries. */
export function WebhooksPanel({ clients }: { clients: ApiClientPublic[] }) {
  const { t } = useI18n();
  const webhooks = useQuery({ queryKey: ['webhooks'], queryFn: async () => (await listWebhooks()).data });
  const clientName = (id: number) => clients.find((c) => c.id === id)?.name ?? `#${id}`;
  const columns: TableColumnsType<WebhookPublic> = [
    { title: t('webhooks.client'), dataIndex: 'client_id', render: (id: number) => clientName(id) },
    { title: t('webhooks.url'), dataIndex: 'url', render: (v: string) => <code>{v}</code> },
    { title: t('webhooks.kinds'), dataIndex: 'kinds', render: (k: string[]) => k.map((x) => <Tag key={x}>{x}</Tag>) },
    { title: t('webhooks.failures'), dataIndex: 'consecutive_failures', width: 100 },
    {
      title: t('common.status'),
      key: 'status',
      width: 100,
      render: (_: unknown, w) =>
        w.active ? <Tag color="green">{t('common.active')}</Tag> : <Tooltip title={w.disabled_reason}><Tag color="red">{t('webhooks.disabled')}</Tag></Tooltip>,
    },
  ];
  return (
    <div className="zs-panel">
      <h3>{t('webhooks.title')}</h3>
      <Table<WebhookPublic>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={webhooks.data?.data ?? []}
        loading={webhooks.isFetching}
        pagination={false}
        locale={{ emptyText: t('webhooks.empty') }}
        expandable={{ expandedRowRender: (w) => <Deliveries webhook={w} /> }}
      />
    </div>
  );
}
