// What the dialog shows of a job: its progress bar, the dry run's counts and errors, the commit's result.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Progress, Result, Row, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import type { ImportPublic } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';
import { ApiError } from '../../lib/apiError';
import { downloadMarked, refusedRows } from './api';

type ImportError = ImportPublic['errors'][number];

const percent = (done: number, total: number) => (total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0);

/** A failed call's words for a message (the problem's detail, else "network"). */
export function useErrorText() {
  const { t } = useI18n();
  return (err: unknown) => (err instanceof ApiError && !err.isNetwork ? (err.detail ?? t('error.unknown')) : t('error.network'));
}

/** Rows checked (or written) out of the total, while the server works. */
export function JobProgress({ job }: { job: ImportPublic }) {
  const { t } = useI18n();
  const writing = job.status === 'writing';
  const done = writing ? job.rows_written + job.rows_unchanged : job.rows_checked;
  const total = writing ? job.rows_valid : job.rows_total;
  return (
    <div data-testid="import-progress" style={{ margin: '16px 0' }}>
      <Progress percent={percent(done, total)} status="active" />
      <span className="zs-muted">{t(writing ? 'imp.writing' : 'imp.checking', { done, total })}</span>
    </div>
  );
}

export function FailedJob({ job }: { job: ImportPublic }) {
  const { t } = useI18n();
  return <Alert type="error" showIcon role="alert" message={t('imp.failed')} description={job.message || undefined} data-testid="import-failed" />;
}

/** The dry run: how many rows are valid, how many not and why (row, column, problem), and the marked copy. */
export function CheckResult({ job }: { job: ImportPublic }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const columns: TableColumnsType<ImportError> = [
    { title: t('imp.col.row'), dataIndex: 'row', width: 70 },
    { title: t('imp.col.column'), dataIndex: 'column', width: 160, render: (c: string | null) => c || '—' },
    { title: t('imp.col.message'), dataIndex: 'message' },
  ];
  const marked = async () => {
    try {
      await downloadMarked(job);
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <div data-testid="import-check">
      <Row gutter={16} style={{ margin: '16px 0' }}>
        <Col span={8}><Statistic title={t('imp.rowsValid')} value={job.rows_valid} suffix={t('imp.rowsUnit')} data-testid="import-valid" /></Col>
        <Col span={8}>
          <Statistic title={t('imp.rowsInvalid')} value={job.rows_invalid} suffix={t('imp.rowsUnit')} data-testid="import-invalid"
                     valueStyle={job.rows_invalid ? { color: '#cf1322' } : undefined} />
        </Col>
        <Col span={8}><Statistic title={t('imp.unknownColumns')} value={job.unknown_columns.length} data-testid="import-unknown" /></Col>
      </Row>
      {job.unknown_columns.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="import-unknown-columns"
               message={<>{t('imp.unknownColumnsHint')} {job.unknown_columns.map((c) => <Tag key={c}>{c}</Tag>)}</>} />
      )}
      {job.errors.length === 0 ? (
        <Alert type="success" showIcon message={t('imp.noErrors')} data-testid="import-no-errors" />
      ) : (
        <>
          <Table<ImportError> size="small" rowKey={(e) => `${e.row}:${e.column ?? ''}:${e.message}`} columns={columns}
                              dataSource={job.errors} pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
                              data-testid="import-errors" />
          {job.has_marked_copy && (
            <Button type="link" icon={<DownloadOutlined />} onClick={() => void marked()} data-testid="import-marked" style={{ paddingLeft: 0 }}>
              {t('imp.downloadMarked')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

/** The commit's outcome: rows written, unchanged and refused. */
export function CommitResult({ job }: { job: ImportPublic }) {
  const { t } = useI18n();
  return (
    <div data-testid="import-result">
    <Result
      status={job.rows_written + job.rows_unchanged > 0 ? 'success' : 'warning'}
      title={t('imp.done')}
      subTitle={job.message || undefined}
      extra={
        <Row gutter={16} style={{ textAlign: 'left' }}>
          <Col span={8}><Statistic title={t('imp.written')} value={job.rows_written} data-testid="import-written" /></Col>
          <Col span={8}><Statistic title={t('imp.unchanged')} value={job.rows_unchanged} data-testid="import-unchanged" /></Col>
          <Col span={8}><Statistic title={t('imp.refused')} value={refusedRows(job)} data-testid="import-refused" /></Col>
        </Row>
      }
    />
    </div>
  );
}
