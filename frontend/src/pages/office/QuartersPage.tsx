import { DownloadOutlined, FilePdfOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { listQuarters, type SnapshotSummary } from '../../api';
import { useAuth } from '../../auth/AuthProvider';
import { ListActions } from '../../components/ListActions';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/I18nProvider';
import { downloadCsv } from '../../lib/csv';
import { formatDateTime } from '../../lib/format';
import { CloseQuarterModal } from './components/CloseQuarterModal';
import { useTargetSets } from './components/hooks';
import { quarterEnd, shortHash } from './components/officeFormat';
import { useReportDownload } from './components/reports';
import './components/office.css';
import { useUserNames } from '../../hooks/useUserNames';

export default function QuartersPage() {
  const { t } = useI18n();
  const userName = useUserNames();
  const { can } = useAuth();
  const canManage = can('quarters:manage');
  const { active, years, sets } = useTargetSets();
  const [closing, setClosing] = useState(false);
  const { isDownloading, download } = useReportDownload();

  const quarters = useQuery({
    queryKey: ['quarters'],
    queryFn: async () => (await listQuarters()).data.data,
  });
  const rows = quarters.data ?? [];
  const label = (s: SnapshotSummary) => t('office.quarters.label', { year: s.year, quarter: s.quarter });
  const setName = (id: number) => sets.find((s) => s.id === id)?.code ?? `#${id}`;

  const columns: TableColumnsType<SnapshotSummary> = [
    {
      title: t('office.quarters.quarter'),
      key: 'quarter',
      width: 150,
      render: (_: unknown, s) => <Link to={`/quarters/${s.id}`}>{label(s)}</Link>,
    },
    { title: t('office.quarters.asOf'), key: 'asOf', width: 110, render: (_: unknown, s) => quarterEnd(s.year, s.quarter) },
    { title: t('office.quarters.targetSet'), dataIndex: 'target_set_id', width: 110, render: setName },
    { title: t('office.quarters.frozenAt'), dataIndex: 'frozen_at', width: 165, className: 'zs-nowrap', render: formatDateTime },
    { title: t('office.quarters.frozenBy'), dataIndex: 'frozen_by', width: 130, render: (u: string) => userName(u) },
    {
      title: t('office.quarters.ruleVersion'),
      dataIndex: 'rule_version_id',
      width: 90,
      render: (v: number) => t('office.rules.versionNo', { id: v }),
    },
    {
      title: t('office.quarters.hash'),
      dataIndex: 'content_hash',
      render: (h: string) => (
        <Tooltip title={h}>
          <span className="zs-hash">{shortHash(h)}…</span>
        </Tooltip>
      ),
    },
    {
      title: t('office.common.actions'),
      key: 'actions',
      width: 250,
      render: (_: unknown, s) => (
        <Space size={4}>
          <Link to={`/quarters/${s.id}`}>{t('office.quarters.view')}</Link>
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            loading={isDownloading(s.id, 'xlsx')}
            onClick={() => void download(s)}
          >
            {t('office.quarters.downloadShort')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<FilePdfOutlined />}
            loading={isDownloading(s.id, 'pdf')}
            onClick={() => void download(s, 'pdf')}
          >
            {t('office.quarters.downloadPdfShort')}
          </Button>
        </Space>
      ),
    },
  ];

  const exportCsv = () =>
    downloadCsv(
      t('menu.quarters'),
      [
        t('office.quarters.quarter'),
        t('office.quarters.asOf'),
        t('office.quarters.frozenAt'),
        t('office.quarters.frozenBy'),
        t('office.quarters.ruleVersion'),
        t('office.quarters.hash'),
      ],
      rows.map((s) => [label(s), quarterEnd(s.year, s.quarter), formatDateTime(s.frozen_at), userName(s.frozen_by), s.rule_version_id, s.content_hash]),
    );

  return (
    <>
      <PageHeader
        title={t('menu.quarters')}
        extra={
          <>
            {canManage && (
              <Button type="primary" icon={<LockOutlined />} onClick={() => setClosing(true)} disabled={!active}>
                {t('office.quarters.close')}
              </Button>
            )}
            <ListActions
              onRefresh={() => void quarters.refetch()}
              refreshing={quarters.isFetching}
              onExport={exportCsv}
              canExport={rows.length > 0}
            />
          </>
        }
      />
      <div className="zs-panel">
        <p className="zs-muted" style={{ marginTop: 0 }}>
          {t('office.quarters.intro')}
        </p>
        {quarters.isError && <QueryError error={quarters.error} onRetry={() => void quarters.refetch()} />}
        <Table<SnapshotSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={quarters.isFetching}
          pagination={false}
          locale={{ emptyText: quarters.isPending ? ' ' : t('office.quarters.empty') }}
          data-testid="quarters-table"
        />
      </div>
      {closing && active && (
        <CloseQuarterModal targetSet={active} years={years} closed={rows} onClose={() => setClosing(false)} />
      )}
    </>
  );
}
