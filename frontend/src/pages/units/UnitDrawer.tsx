import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Table, Tag } from 'antd';
import { getUnit, listUnitMembers, type MemberPublic } from '../../api';
import { roleLabel } from '../../i18n/labels';
import { useAuth } from '../../auth/AuthProvider';
import { QueryError } from '../../components/QueryError';
import { useUnitNames } from '../../hooks/useUnitNames';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { unitTypeLabel } from './unitTypes';

/** One unit: its particulars, related units and (for those allowed) its accounts. */
export function UnitDrawer({ unitId, clusterName, onClose }: { unitId: number; clusterName: (id: number) => string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { can, me } = useAuth();
  const unitName = useUnitNames();
  // unit staff may list their own unit's accounts only; the office and admins any unit's
  const showMembers = can('unit_members:read') && (!me?.unit || me.unit.id === unitId);

  const unit = useQuery({
    queryKey: ['unit', unitId],
    queryFn: async () => (await getUnit({ path: { unit_id: unitId } })).data,
  });
  const members = useQuery({
    queryKey: ['unit-members', unitId],
    queryFn: async () => (await listUnitMembers({ path: { unit_id: unitId } })).data.data,
    enabled: showMembers,
  });
  const u = unit.data;

  return (
    <Drawer open onClose={onClose} width={560} title={u ? (lang === 'zh' ? u.name_zh : u.name_en) : t('units.details')}>
      {unit.isError && <QueryError error={unit.error} onRetry={() => void unit.refetch()} />}
      {u && (
        <Descriptions
          column={1}
          size="small"
          bordered
          styles={{ label: { width: 120 } }}
          items={[
            { key: 'code', label: t('units.code'), children: u.code },
            { key: 'zh', label: t('units.name'), children: u.name_zh },
            { key: 'en', label: t('units.nameEn'), children: u.name_en },
            { key: 'type', label: t('units.type'), children: t(unitTypeLabel(u.type)) },
            { key: 'leader', label: t('units.leader'), children: u.leader_name || '—' },
            {
              key: 'clusters',
              label: t('units.clusters'),
              children: (u.cluster_ids ?? []).length ? (u.cluster_ids ?? []).map((id) => <Tag key={id}>{clusterName(id)}</Tag>) : '—',
            },
            {
              key: 'status',
              label: t('common.status'),
              children: <Tag color={u.active ? 'green' : 'default'}>{u.active ? t('common.active') : t('common.inactive')}</Tag>,
            },
            {
              key: 'links',
              label: t('units.links'),
              children: u.links?.length
                ? u.links.map((l) => (
                    <div key={l.id}>
                      {t(`linkKind.${l.kind}` as MessageKey)}：{unitName(l.related_unit_id === u.id ? l.unit_id : l.related_unit_id)}
                    </div>
                  ))
                : '—',
            },
          ]}
        />
      )}
      {showMembers && (
        <>
          <h3 style={{ margin: '20px 0 8px', fontSize: 15 }}>{t('units.members')}</h3>
          {members.isError && <QueryError error={members.error} onRetry={() => void members.refetch()} />}
          <Table<MemberPublic>
            rowKey="id"
            size="small"
            pagination={false}
            loading={members.isFetching}
            dataSource={members.data ?? []}
            columns={[
              { title: t('users.displayName'), dataIndex: 'display_name' },
              { title: t('users.username'), dataIndex: 'username' },
              { title: t('user.role'), dataIndex: 'role', render: (r: string) => roleLabel(r, t) },
              { title: t('common.status'), dataIndex: 'active', render: (a: boolean) => (a ? t('common.active') : t('common.inactive')) },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
