// The project page's card of its open coordination items, with 提出协调事项 for a unit that may raise one.
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { enumLabel } from '../../i18n/enums';
import { useI18n } from '../../i18n/I18nProvider';
import { listCoordinationItems } from '../../api';
import { RaiseModal } from './actions';
import { COORD_KEY, ItemDrawer, useItemChanged } from './ItemDrawer';
import { CoordStatusTag, OverdueTag, useCoordRights } from './labels';
import './coordination.css';

export function ProjectCoordination({ projectId }: { projectId: number }) {
  const { t } = useI18n();
  const rights = useCoordRights(undefined);
  const changed = useItemChanged();
  const [raising, setRaising] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const items = useQuery({
    queryKey: [COORD_KEY, 'list', { project_id: projectId }],
    queryFn: async () => (await listCoordinationItems({ query: { project_id: projectId, limit: 100 } })).data.data,
    select: (rows) => rows.filter((r) => r.status !== 'closed'),
  });
  const rows = items.data ?? [];
  return (
    <section className="zs-rec-card" data-testid="project-coordination">
      <h2>{t('coord.project.title')}</h2>
      {items.error && <QueryError error={items.error} onRetry={() => void items.refetch()} />}
      {items.isSuccess && !rows.length && <p className="zs-muted" style={{ margin: '0 0 8px' }}>{t('coord.project.none')}</p>}
      {rows.length > 0 && (
        <ul className="zs-coord-list">
          {rows.map((r) => (
            <li key={r.id} data-testid={`project-coord-${r.id}`}>
              <Space size={4} wrap>
                <Tag>{enumLabel(t, 'coordinationCategory', r.category)}</Tag>
                <CoordStatusTag status={r.status} />
                {r.overdue && <OverdueTag />}
              </Space>
              <div><a onClick={() => setOpenId(r.id)} role="button" tabIndex={0}
                onKeyDown={(e) => { if (e.key === 'Enter') setOpenId(r.id); }}>{r.description}</a></div>
              <div className="zs-muted">
                {r.assignee_unit_name ? `${r.assignee_unit_name}${r.due_date ? ` · ${r.due_date}` : ''} · ` : ''}
                {t('coord.days', { days: r.days_open })}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Space>
        {rights.canRaise && (
          <Button size="small" onClick={() => setRaising(true)} data-testid="project-coord-raise">{t('coord.raise')}</Button>
        )}
        <Link to={`/coordination?project_id=${projectId}`}>{t('coord.project.all')}</Link>
      </Space>
      {raising && (
        <RaiseModal projectId={projectId} onClose={() => setRaising(false)}
          onDone={(item) => { setRaising(false); changed(t('coord.raised'), item); }} />
      )}
      {openId != null && <ItemDrawer itemId={openId} onClose={() => setOpenId(null)} />}
    </section>
  );
}
