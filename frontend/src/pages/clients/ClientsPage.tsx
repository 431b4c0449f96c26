import { useQuery } from '@tanstack/react-query';
import { Table, Tag, type TableColumnsType } from 'antd';
import { listApiClients, type ApiClientPublic } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUnitNames } from '../../hooks/useUnitNames';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { WebhooksPanel } from './WebhooksPanel';

export default function ClientsPage() {
  const { t } = useI18n();
  const unitName = useUnitNames();
  const clients = useQuery({
    queryKey: ['api-clients'],
    queryFn: async () => (await listApiClients()).data,
  });

  const columns: TableColumnsType<ApiClientPublic> = [
    { title: t('clients.name'), dataIndex: 'name' },
    { title: t('clients.clientId'), dataIndex: 'client_id', render: (v: string) => <code>{v}</code> },
    { title: t('user.unit'), dataIndex: 'unit_id', render: (id: number | null) => unitName(id) || t('user.cityWide') },
    { title: t('clients.scopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
    { title: t('clients.lastUsed'), dataIndex: 'last_used_at', width: 170, render: (v: string | null) => formatDateTime(v) || '—' },
    {
      title: t('common.status'),
      key: 'status',
      width: 90,
      render: (_: unknown, c) =>
        c.revoked_at ? <Tag color="red">{t('clients.revoked')}</Tag> : <Tag color={c.active ? 'green' : 'default'}>{c.active ? t('common.active') : t('common.inactive')}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader title={t('clients.title')} />
      <div className="zs-panel">
        {clients.isError && <QueryError error={clients.error} onRetry={() => void clients.refetch()} />}
        <Table<ApiClientPublic> rowKey="id" size="small" columns={columns} dataSource={clients.data?.data ?? []} loading={clients.isFetching} pagination={false} />
      </div>
      <WebhooksPanel clients={clients.data?.data ?? []} />
    </>
  );
}
