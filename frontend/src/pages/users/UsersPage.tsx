import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Select, Table, Tag, type TableColumnsType } from 'antd';
import { listUsers, type Role, type UserPublic } from '../../api';
import { roleLabel } from '../../i18n/labels';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useUnitNames } from '../../hooks/useUnitNames';
import { useI18n } from '../../i18n/I18nProvider';
import { downloadCsv } from '../../lib/csv';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/searchParams';

const ROLES: Role[] = ['admin', 'office', 'leader', 'unit_editor', 'unit_viewer'];
const FILTERS = ['role'] as const;

export default function UsersPage() {
  const { t } = useI18n();
  const { values, page, update } = useUrlFilters(FILTERS);
  const role = (ROLES as string[]).includes(values.role) ? (values.role as Role) : undefined;
  const unitName = useUnitNames();

  const users = useQuery({
    queryKey: ['users', { role }],
    queryFn: async () => (await listUsers({ query: { role } })).data,
  });
  const rows = users.data?.data ?? [];
  const status = (u: UserPublic) => (u.active ? t('common.active') : t('common.inactive'));

  const columns: TableColumnsType<UserPublic> = [
    { title: t('users.username'), dataIndex: 'username', width: 150 },
    { title: t('users.displayName'), dataIndex: 'display_name' },
    { title: t('user.role'), dataIndex: 'role', width: 120, render: (r: string) => roleLabel(r, t) },
    { title: t('user.unit'), dataIndex: 'unit_id', render: (id: number | null) => unitName(id) || t('user.cityWide') },
    {
      title: t('users.lastLogin'),
      dataIndex: 'last_login_at',
      width: 170,
      render: (v: string | null) => (v ? formatDateTime(v) : <span className="zs-muted">{t('users.never')}</span>),
    },
    { title: t('common.status'), dataIndex: 'active', width: 80, render: (_: boolean, u) => <Tag color={u.active ? 'green' : 'default'}>{status(u)}</Tag> },
  ];

  const exportCsv = () =>
    downloadCsv(
      t('users.title'),
      [t('users.username'), t('users.displayName'), t('user.role'), t('user.unit'), t('users.lastLogin'), t('common.status')],
      rows.map((u) => [u.username, u.display_name, roleLabel(u.role, t), unitName(u.unit_id) || t('user.cityWide'), formatDateTime(u.last_login_at), status(u)]),
    );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length}>
            {t('common.exportCsv')}
          </Button>
        }
      />
      <div className="zs-panel">
        <div className="zs-toolbar" role="search">
          <Select
            aria-label={t('user.role')}
            value={role ?? ''}
            onChange={(v) => update({ role: v || null })}
            style={{ width: 170 }}
            options={[{ value: '', label: t('common.filter', { label: t('user.role'), value: t('common.all') }) }, ...ROLES.map((r) => ({ value: r, label: roleLabel(r, t) }))]}
          />
        </div>
        {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
        <Table<UserPublic>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={users.isFetching}
          pagination={{ current: page, pageSize: 20, hideOnSinglePage: true, onChange: (p) => update({ page: p > 1 ? String(p) : null }) }}
          footer={() => t('common.total', { count: rows.length })}
        />
      </div>
    </>
  );
}
