import { ArrowLeftOutlined, CheckCircleOutlined, DownloadOutlined, FilePdfOutlined, PlusOutlined, PrinterOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { getQuarter } from '../../api';
import { useAuth } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { AdjustmentsLedger, ProposeAdjustmentModal } from './components/Adjustments';
import { useTargetSets } from './components/hooks';
import { useReportDownload } from './components/reports';
import { ReportPrintModal } from './components/ReportPrintModal';
import { SnapshotFigures } from './components/SnapshotFigures';
import { asItems, type SnapshotItem } from './components/snapshot';
import './components/office.css';
import { useUserNames } from '../../hooks/useUserNames';

export default function QuarterPage() {
  const { t } = useI18n();
  const userName = useUserNames();
  const { can, me } = useAuth();
  const canManage = can('quarters:manage');
  const id = Number(useParams().id);
  const { sets } = useTargetSets();
  const [printing, setPrinting] = useState(false);
  const { isDownloading, download } = useReportDownload();
  const [adjusting, setAdjusting] = useState<{ item?: SnapshotItem } | null>(null);

  const snap = useQuery({
    queryKey: ['quarter', id],
    queryFn: async () => (await getQuarter({ path: { snapshot_id: id } })).data,
    enabled: Number.isInteger(id) && id > 0,
  });
  const s = snap.data;
  const items = s ? asItems(s.items) : [];
  const label = s ? t('office.quarters.label', { year: s.year, quarter: s.quarter }) : t('menu.quarters');
  const set = s ? sets.find((x) => x.id === s.target_set_id) : undefined;

  return (
    <>
      <PageHeader
        title={
          <>
            <Link to="/quarters" aria-label={t('common.back')} style={{ marginRight: 8 }}>
              <ArrowLeftOutlined />
            </Link>
            {t('office.quarters.snapshotTitle', { label })}
          </>
        }
        extra={
          s && (
            <>
              <Button type="primary" icon={<DownloadOutlined />} loading={isDownloading(s.id, 'xlsx')} onClick={() => void download(s)}>
                {t('office.quarters.download')}
              </Button>
              <Button icon={<FilePdfOutlined />} loading={isDownloading(s.id, 'pdf')} onClick={() => void download(s, 'pdf')}>
                {t('office.quarters.downloadPdf')}
              </Button>
              <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>
                {t('office.quarters.printable')}
              </Button>
            </>
          )
        }
      />
      {!Number.isInteger(id) || id <= 0 ? (
        <Alert type="error" showIcon message={t('office.quarters.notFound')} />
      ) : null}
      {snap.isError && <QueryError error={snap.error} onRetry={() => void snap.refetch()} />}
      {s && (
        <>
          {!s.hash_ok && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 12 }}
              message={t('office.quarters.hashBad')}
              description={t('office.quarters.hashBadHint')}
            />
          )}
          <div className="zs-panel" style={{ marginBottom: 12 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'asOf', label: t('office.quarters.asOf'), children: s.as_of },
                { key: 'set', label: t('office.quarters.targetSet'), children: set?.name ?? `#${s.target_set_id}` },
                { key: 'rules', label: t('office.quarters.ruleVersion'), children: t('office.rules.versionNo', { id: s.rule_version_id }) },
                { key: 'by', label: t('office.quarters.frozenBy'), children: userName(s.frozen_by) },
                { key: 'at', label: t('office.quarters.frozenAt'), children: formatDateTime(s.frozen_at) },
                {
                  key: 'check',
                  label: t('office.quarters.hashCheck'),
                  children: s.hash_ok ? (
                    <Tag color="success" icon={<CheckCircleOutlined />}>
                      {t('office.quarters.hashOk')}
                    </Tag>
                  ) : (
                    <Tag color="error" icon={<WarningOutlined />}>
                      {t('office.quarters.hashMismatch')}
                    </Tag>
                  ),
                },
                {
                  key: 'hash',
                  label: t('office.quarters.hash'),
                  span: 'filled',
                  children: (
                    <Typography.Text copyable className="zs-hash" data-testid="snapshot-hash">
                      {s.content_hash}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            <div className="zs-muted" style={{ fontSize: 12 }}>
              {t('office.quarters.frozenNote')}
            </div>
          </div>
          <div className="zs-quarter-grid">
            <div className="zs-panel" style={{ minWidth: 0 }}>
              <h2 className="zs-section-title">{t('office.quarters.figures')}</h2>
              <SnapshotFigures items={items} onAdjust={canManage ? (item) => setAdjusting({ item }) : undefined} />
            </div>
            <div className="zs-panel zs-ledger-panel">
              <div className="zs-ledger-head" style={{ marginBottom: 4 }}>
                <h2 className="zs-section-title" style={{ margin: 0 }}>
                  {t('office.adjust.title')}
                </h2>
                {canManage && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAdjusting({})} data-testid="propose-adjustment">
                    {t('office.adjust.propose')}
                  </Button>
                )}
              </div>
              <p className="zs-muted" style={{ fontSize: 12, margin: '0 0 4px' }}>
                {t('office.adjust.rule')}
              </p>
              <AdjustmentsLedger
                snapshotId={s.id}
                adjustments={s.adjustments}
                items={items}
                canManage={canManage}
                me={me?.name}
              />
            </div>
          </div>
        </>
      )}
      {printing && s && <ReportPrintModal snapshotId={s.id} title={t('office.report.title', { label })} onClose={() => setPrinting(false)} />}
      {adjusting && s && (
        <ProposeAdjustmentModal snapshotId={s.id} items={items} initial={adjusting.item} onClose={() => setAdjusting(null)} />
      )}
    </>
  );
}
