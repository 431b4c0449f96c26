// Which kinds of notice reach the caller on which channel, and the e-mail address they go to.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Spin, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { getNoticeSettings, putNoticeSettings, type Channel, type NoticeKind, type NoticeSettingsPublic } from '../../api';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { SETTINGS_KEY } from './noticeQueries';

const CHANNELS: Channel[] = ['inbox', 'email'];
type Muted = Record<Channel, NoticeKind[]>;

const mutedOf = (s: NoticeSettingsPublic): Muted => ({ inbox: s.muted.inbox ?? [], email: s.muted.email ?? [] });

export function NoticeSettings() {
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: async () => (await getNoticeSettings()).data });
  if (settings.error) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <Spin />;
  return <SettingsForm data={settings.data} />;
}

function SettingsForm({ data }: { data: NoticeSettingsPublic }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [muted, setMuted] = useState<Muted>(() => mutedOf(data));

  const save = useMutation({
    mutationFn: async (email: string) => (await putNoticeSettings({ body: { email, muted } })).data,
    onSuccess: (data) => {
      queryClient.setQueryData(SETTINGS_KEY, data);
      void message.success(t('notices.settings.saved'));
    },
  });

  const toggle = (channel: Channel, kind: NoticeKind, receive: boolean) =>
    setMuted((m) => ({ ...m, [channel]: receive ? m[channel].filter((k) => k !== kind) : [...m[channel], kind] }));

  const columns: TableColumnsType<NoticeKind> = [
    { title: t('notices.settings.kind'), key: 'kind', render: (_, kind) => t(`noticeKind.${kind}` as MessageKey) },
    ...CHANNELS.map((channel) => ({
      title: t(`notices.settings.${channel}` as MessageKey),
      key: channel,
      width: 100,
      render: (_: unknown, kind: NoticeKind) => (
        <Checkbox
          checked={!muted[channel].includes(kind)}
          disabled={channel === 'email' && !data.email_available}
          onChange={(e) => toggle(channel, kind, e.target.checked)}
          aria-label={`${t(`noticeKind.${kind}` as MessageKey)} · ${t(`notices.settings.${channel}` as MessageKey)}`}
          data-testid={`mute-${channel}-${kind}`}
        />
      ),
    })),
  ];

  return (
    <Form<{ email: string }>
      layout="vertical"
      initialValues={{ email: data.email ?? '' }}
      onFinish={(v) => save.mutate((v.email ?? '').trim())}
      style={{ maxWidth: 640 }}
    >
      {!data.email_available && <Alert type="info" showIcon message={t('notices.settings.emailOff')} style={{ marginBottom: 12 }} />}
      <Form.Item
        name="email"
        label={t('notices.settings.emailAddress')}
        extra={t('notices.settings.emailHint')}
        rules={[{ type: 'email', message: t('notices.settings.emailInvalid') }]}
      >
        <Input type="email" autoComplete="email" maxLength={254} data-testid="notice-email" />
      </Form.Item>
      <p className="zs-muted">{t('notices.settings.help')}</p>
      <Table<NoticeKind>
        rowKey={(k) => k}
        size="small"
        pagination={false}
        dataSource={data.kinds}
        columns={columns}
        style={{ marginBottom: 16 }}
      />
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="notice-settings-save">
        {t('notices.settings.save')}
      </Button>
    </Form>
  );
}
