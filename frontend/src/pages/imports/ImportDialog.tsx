// The three steps of an import from Excel: 1 download the template, 2 upload and see the dry run (progress, then
// counts, errors per cell and the marked copy), 3 confirm (all or nothing), watch the rows written and see the
// result. The server does the work in the background; the dialog polls the job.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Select, Space, Steps, Switch, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ImportPublic } from '../../api';
import { useI18n } from '../../i18n/I18nProvider';
import { COLLECTION, newKey } from '../records/lib/api';
import { useUnitOptions } from '../records/lib/hooks';
import { BUSY, downloadTemplate, importKey, commit, startImport, useImportJob, type ImportKind, RECORD_KIND } from './api';
import { CheckResult, CommitResult, FailedJob, JobProgress, useErrorText } from './ImportResults';

const XLSX = /\.xlsx$/i;
const UNIT_TYPES = ['county', 'dev_zone', 'department', 'industry_group'] as const;

export interface ImportDialogProps {
  kind: ImportKind;
  /** The kind's name in the title (走访记录). */
  label: string;
  /** The office imports on a unit's behalf: it may choose the unit. */
  onBehalf: boolean;
  onClose: () => void;
}

export function ImportDialog({ kind, label, onBehalf, onClose }: ImportDialogProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const units = useUnitOptions(UNIT_TYPES);
  const [step, setStep] = useState(0);
  const [jobId, setJobId] = useState<number | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [committed, setCommitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const commitKey = useRef(newKey());
  const job = useImportJob(jobId).data;

  const status = job?.status;
  useEffect(() => {
    if (status === 'done') {
      // the list behind the dialog and the history show the new records
      void queryClient.invalidateQueries({ queryKey: [COLLECTION[RECORD_KIND[kind]]] });
      void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    }
  }, [status, kind, queryClient]);

  const run = async (fn: () => Promise<ImportPublic>) => {
    setBusy(true);
    try {
      const answer = await fn();
      queryClient.setQueryData(importKey(answer.id), answer);
      setJobId(answer.id);
      return true;
    } catch (err) {
      void message.error(errorText(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const upload = (file: File) => {
    if (!XLSX.test(file.name)) {
      void message.error(t('imp.onlyXlsx'));
      return;
    }
    setCommitted(false);
    commitKey.current = newKey();
    void run(() => startImport(kind, file, onBehalf ? unitId : null, newKey()));
  };
  const confirm = async () => {
    if (jobId === null) return;
    if (await run(() => commit(jobId, allOrNothing, commitKey.current))) setCommitted(true);
  };
  const template = async () => {
    try {
      await downloadTemplate(kind, `${label}导入模板.xlsx`);
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  const checking = step === 1 && job && job.status === 'checking';
  const checked = job?.status === 'checked';
  const writingOrDone = step === 2 && committed && job;
  const footer = (
    <Space>
      {step === 1 && <Button onClick={() => setStep(0)}>{t('imp.back')}</Button>}
      {step === 2 && !writingOrDone && <Button onClick={() => setStep(1)}>{t('imp.back')}</Button>}
      {step === 0 && <Button type="primary" onClick={() => setStep(1)} data-testid="import-next">{t('imp.next')}</Button>}
      {step === 1 && (
        <Button type="primary" disabled={!checked || !job?.rows_valid} onClick={() => setStep(2)} data-testid="import-next">
          {t('imp.next')}
        </Button>
      )}
      {step === 2 && !writingOrDone && (
        <Button type="primary" loading={busy} disabled={!checked} onClick={() => void confirm()} data-testid="import-commit">
          {t('imp.commit')}
        </Button>
      )}
      {step === 2 && writingOrDone && (
        <Button type="primary" disabled={job.status === 'writing'} onClick={onClose} data-testid="import-close">{t('imp.close')}</Button>
      )}
    </Space>
  );

  return (
    <Modal open title={t('imp.title', { kind: label })} onCancel={onClose} footer={footer} width={820} maskClosable={false}
           destroyOnHidden data-testid="import-dialog">
      <Steps size="small" current={writingOrDone && job.status === 'done' ? 3 : step} style={{ margin: '8px 0 20px' }}
             items={[{ title: t('imp.step.template') }, { title: t('imp.step.check') }, { title: t('imp.step.commit') }]} />
      {step === 0 && (
        <>
          <Alert type="info" showIcon message={t('imp.templateHint')} style={{ marginBottom: 16 }} />
          <Button icon={<DownloadOutlined />} onClick={() => void template()} data-testid="import-template">{t('imp.downloadTemplate')}</Button>
        </>
      )}
      {step === 1 && (
        <>
          {onBehalf && (
            <Form layout="vertical">
              <Form.Item label={t('imp.onBehalf')} extra={t('imp.onBehalfHint')} htmlFor="import-unit">
                <Select id="import-unit" allowClear showSearch optionFilterProp="label" options={units.options} loading={units.loading}
                        value={unitId ?? undefined} onChange={(v?: number) => setUnitId(v ?? null)} style={{ maxWidth: 320 }}
                        data-testid="import-unit" />
              </Form.Item>
            </Form>
          )}
          <Upload.Dragger accept=".xlsx" multiple={false} showUploadList={false} disabled={busy || !!checking}
                          beforeUpload={(file) => { upload(file); return false; }} data-testid="import-upload">
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{job ? t('imp.uploadAgain') : t('imp.upload')}</p>
            <p className="ant-upload-hint">{t('imp.uploadHint')}</p>
          </Upload.Dragger>
          {job && BUSY.has(job.status) && <JobProgress job={job} />}
          {job?.status === 'failed' && <FailedJob job={job} />}
          {job && job.status !== 'checking' && job.status !== 'failed' && <CheckResult job={job} />}
        </>
      )}
      {step === 2 && job && (
        <>
          {!writingOrDone && (
            <>
              <Space align="center" style={{ marginBottom: 8 }}>
                <Switch checked={allOrNothing} onChange={setAllOrNothing} id="import-all-or-nothing" data-testid="import-all-or-nothing" />
                <label htmlFor="import-all-or-nothing">{t('imp.allOrNothing')}</label>
              </Space>
              <p className="zs-muted">{t('imp.allOrNothingHint')}</p>
              {allOrNothing && job.rows_invalid > 0 ? (
                <Alert type="warning" showIcon message={t('imp.allOrNothingBlocked', { count: job.rows_invalid })} />
              ) : (
                <Alert type="info" showIcon message={t('imp.commitSummary', { valid: job.rows_valid, invalid: job.rows_invalid })}
                       data-testid="import-summary" />
              )}
            </>
          )}
          {writingOrDone && job.status === 'writing' && <JobProgress job={job} />}
          {writingOrDone && job.status === 'failed' && <FailedJob job={job} />}
          {writingOrDone && job.status === 'done' && <CommitResult job={job} />}
        </>
      )}
    </Modal>
  );
}
