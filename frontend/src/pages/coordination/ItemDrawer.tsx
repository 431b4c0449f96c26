// One coordination item: what was asked, who answers by when, the replies as a timeline and the buttons the
// caller's role allows (the office assigns, escalates and closes; the responsible unit replies).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Empty, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../components/QueryError';
import { enumLabel } from '../../i18n/enums';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { getCoordinationItem, type CoordinationItemPublic } from '../../api';
import { AssignModal, CloseModal, EscalateModal, ReplyModal } from './actions';
import { CoordStatusTag, OverdueTag, useCoordRights } from './labels';

export const COORD_KEY = 'coordination';
type Dialog = 'assign' | 'reply' | 'escalate' | 'close';

function Replies({ item }: { item: CoordinationItemPublic }) {
  const { t } = useI18n();
  if (!item.replies.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coord.noReplies')} />;
  return (
    <Timeline
      data-testid="coord-replies"
      items={item.replies.map((r) => ({
        key: r.id,
        color: r.progress === 'done' ? 'green' : 'blue',
        children: (
          <div>
            <Space wrap size={4}>
              <strong>{r.unit_name}</strong>
              <span className="zs-muted">{r.author} · {formatDateTime(r.created_at)}</span>
              <Tag color={r.progress === 'done' ? 'success' : 'processing'}>{enumLabel(t, 'coordinationProgress', r.progress)}</Tag>
            </Space>
            <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{r.text}</div>
          </div>
        ),
      }))}
    />
  );
}

/** After a write the API answered with `item`: it replaces the cached item, the lists refresh, `text` is said. */
export function useItemChanged() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (text: string, item: CoordinationItemPublic) => {
    queryClient.setQueryData([COORD_KEY, 'detail', item.id], item);
    void queryClient.invalidateQueries({ queryKey: [COORD_KEY] });
    void message.success(text);
  };
}

export function ItemDrawer({ itemId, onClose }: { itemId: number; onClose: () => void }) {
  const { t } = useI18n();
  const changed = useItemChanged();
  const item = useQuery({
    queryKey: [COORD_KEY, 'detail', itemId],
    queryFn: async () => (await getCoordinationItem({ path: { item_id: itemId } })).data,
  });
  const it = item.data;
  const rights = useCoordRights(it);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const done = (text: string) => (updated: CoordinationItemPublic) => {
    changed(text, updated);
    setDialog(null);
  };

  const buttons = it && (
    <Space wrap>
      {rights.reply && <Button type="primary" onClick={() => setDialog('reply')} data-testid="coord-reply">{t('coord.act.reply')}</Button>}
      {rights.assign && (
        <Button type={it.status === 'raised' ? 'primary' : 'default'} onClick={() => setDialog('assign')} data-testid="coord-assign">
          {t(it.assignee_unit_id ? 'coord.act.reassign' : 'coord.act.assign')}
        </Button>
      )}
      {rights.escalate && <Button onClick={() => setDialog('escalate')} data-testid="coord-escalate">{t('coord.act.escalate')}</Button>}
      {rights.close && <Button onClick={() => setDialog('close')} data-testid="coord-close">{t('coord.act.close')}</Button>}
    </Space>
  );

  return (
    <Drawer open onClose={onClose} width={620} title={t('coord.detail', { id: itemId })} footer={buttons} data-testid="coord-drawer"
      extra={it && <Link to={`/projects/${it.project_id}`}>{t('coord.openProject')}</Link>}>
      {item.isError && <QueryError error={item.error} onRetry={() => void item.refetch()} />}
      {it && (
        <>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }} items={[
            { key: 'project', label: t('coord.f.project'), children: <Link to={`/projects/${it.project_id}`}>{it.project_name}</Link> },
            { key: 'category', label: t('coord.f.category'), children: enumLabel(t, 'coordinationCategory', it.category) },
            { key: 'status', label: t('coord.f.status'), children: <Space size={4}><CoordStatusTag status={it.status} />{it.overdue && <OverdueTag />}</Space> },
            { key: 'by', label: t('coord.f.raisedBy'), children: `${it.raised_by_unit_name} · ${formatDateTime(it.created_at)}` },
            { key: 'desc', label: t('coord.f.description'), children: <div style={{ whiteSpace: 'pre-wrap' }}>{it.description}</div> },
            { key: 'ask', label: t('coord.f.ask'), children: <div style={{ whiteSpace: 'pre-wrap' }}>{it.ask}</div> },
            { key: 'assignee', label: t('coord.f.assignee'), children: it.assignee_unit_name ?? '—' },
            { key: 'due', label: t('coord.f.dueDate'), children: it.due_date ?? '—' },
            { key: 'days', label: t('coord.f.daysOpen'), children: t('coord.days', { days: it.days_open }) },
            ...(it.escalated_year ? [{
              key: 'esc', label: t('coord.f.escalated'),
              children: t('coord.quarter', { year: it.escalated_year, quarter: it.escalated_quarter ?? '' }),
            }] : []),
            ...(it.closed_at ? [{ key: 'closed', label: t('coord.f.closedAt'), children: formatDateTime(it.closed_at) }] : []),
          ]} />
          <h3 className="zs-section-title" style={{ marginTop: 16 }}>{t('coord.f.replies')}</h3>
          <Replies item={it} />
          {dialog === 'assign' && <AssignModal item={it} onClose={() => setDialog(null)}
            onDone={(u) => done(t('coord.assigned', { unit: u.assignee_unit_name ?? '' }))(u)} />}
          {dialog === 'reply' && <ReplyModal item={it} onClose={() => setDialog(null)} onDone={done(t('coord.replied'))} />}
          {dialog === 'escalate' && <EscalateModal item={it} onClose={() => setDialog(null)}
            onDone={(u) => done(t('coord.escalatedDone', {
              quarter: t('coord.quarter', { year: u.escalated_year ?? '', quarter: u.escalated_quarter ?? '' }),
            }))(u)} />}
          {dialog === 'close' && <CloseModal item={it} onClose={() => setDialog(null)} onDone={done(t('coord.closedDone'))} />}
        </>
      )}
    </Drawer>
  );
}
