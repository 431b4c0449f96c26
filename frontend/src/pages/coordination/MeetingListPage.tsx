// 季度调度会议清单: the major projects (by total investment and stage) with their open coordination items, owners
// and days open, for the leading group's quarterly meeting; the same list as Excel and PDF.
import { useQuery } from '@tanstack/react-query';
import { App, Button, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { enumLabel } from '../../i18n/enums';
import { useI18n } from '../../i18n/I18nProvider';
import { downloadFrom } from '../../lib/download';
import { formatMoney } from '../../lib/money';
import { useUrlFilters } from '../../lib/searchParams';
import { problemText } from '../office/components/problems';
import { exportMeetingListPdf, exportMeetingListXlsx, getMeetingList, type MeetingItem, type MeetingProject } from '../../api';
import { currentQuarter } from './actions';
import { CoordStatusTag, OverdueTag } from './labels';
import './coordination.css';

type Format = 'xlsx' | 'pdf';

function Items({ items }: { items: MeetingItem[] }) {
  const { t } = useI18n();
  return (
    <ul className="zs-coord-list">
      {items.map((i) => (
        <li key={i.id} data-testid={`meeting-item-${i.id}`}>
          <Space size={4} wrap>
            <Tag>{enumLabel(t, 'coordinationCategory', i.category)}</Tag>
            {i.escalated ? <Tag color="magenta">{t('meeting.escalatedHere')}</Tag> : <CoordStatusTag status={i.status} />}
            {i.overdue && <OverdueTag />}
          </Space>
          <div><Link to={`/coordination/${i.id}`}>{i.description}</Link></div>
          <div className="zs-muted">
            {t('coord.f.ask')}：{i.ask}
          </div>
          <div className="zs-muted">
            {i.raised_by_unit_name} → {i.assignee_unit_name ?? '—'}{i.due_date ? ` · ${i.due_date}` : ''} · {t('coord.days', { days: i.days_open })}
          </div>
        </li>
      ))}
    </ul>
  );
}

export default function MeetingListPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const now = currentQuarter();
  const { values, update } = useUrlFilters(['year', 'quarter'] as const);
  const year = Number(values.year) || now.year;
  const quarter = Number(values.quarter) || now.quarter;
  const [busy, setBusy] = useState<Format | null>(null);
  const query = { year, quarter };
  const listing = useQuery({
    queryKey: ['coordination', 'meeting', query],
    queryFn: async () => (await getMeetingList({ query })).data,
  });

  const download = async (format: Format) => {
    setBusy(format);
    try {
      const call = format === 'pdf' ? exportMeetingListPdf : exportMeetingListXlsx;
      await downloadFrom(() => call({ query, parseAs: 'blob' }), `meeting-list-${year}Q${quarter}.${format}`);
    } catch (err) {
      void message.error(problemText(err, t));
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<MeetingProject> = [
    {
      title: t('meeting.col.project'), key: 'project', width: 220,
      render: (_, p) => <Link to={`/projects/${p.project_id}`}>{p.project_name}</Link>,
    },
    { title: t('meeting.col.unit'), dataIndex: 'landing_unit_name', width: 120, render: (n: string | null) => n ?? '—' },
    { title: t('meeting.col.stage'), dataIndex: 'stage', width: 80, render: (s: string) => enumLabel(t, 'stage', s) },
    {
      title: t('meeting.col.investment'), dataIndex: 'total_investment', width: 140, align: 'right',
      render: (v: string) => <span className="zs-rec-money">{formatMoney(v)}</span>,
    },
    {
      title: t('meeting.col.items'), key: 'items',
      render: (_, p) => (p.items.length ? <Items items={p.items} /> : <span className="zs-muted">—</span>),
    },
  ];

  const years = Array.from({ length: 5 }, (_, i) => now.year - 3 + i);
  return (
    <>
      <PageHeader
        title={t('meeting.title')}
        extra={
          <>
            <Button onClick={() => void download('xlsx')} loading={busy === 'xlsx'}>{t('meeting.xlsx')}</Button>
            <Button onClick={() => void download('pdf')} loading={busy === 'pdf'}>{t('meeting.pdf')}</Button>
          </>
        }
      />
      <p className="zs-muted" style={{ marginTop: 0 }}>{t('meeting.intro')}</p>
      <div className="zs-toolbar">
        <span>{t('meeting.period')}</span>
        <Select aria-label={t('coord.escalate.year')} value={year} style={{ width: 110 }} data-testid="meeting-year"
          options={years.map((y) => ({ value: y, label: t('progress.yearN', { year: y }) }))}
          onChange={(v) => update({ year: String(v) })} />
        <Select aria-label={t('coord.escalate.quarter')} value={quarter} style={{ width: 120 }} data-testid="meeting-quarter"
          options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('progress.quarterN', { quarter: q }) }))}
          onChange={(v) => update({ quarter: String(v) })} />
      </div>
      {listing.error && <QueryError error={listing.error} onRetry={() => void listing.refetch()} />}
      <Table<MeetingProject>
        rowKey="project_id" size="small" pagination={false} columns={columns} data-testid="meeting-table"
        loading={listing.isLoading} dataSource={listing.data?.projects ?? []} locale={{ emptyText: t('meeting.empty') }}
      />
    </>
  );
}
