// The files of one record: list, upload with a category, download, image/PDF preview and delete. Self-contained
// (its own words, its own API calls), so a record page or the verification queue adds it with one line.
import { DeleteOutlined, DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Upload, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { deleteAttachment, downloadAttachment, type AttachmentPublic, type Category } from '../../api';
import { useUserNames } from '../../hooks/useUserNames';
import { useI18n } from '../../i18n/I18nProvider';
import { saveBlob } from '../../lib/download';
import { formatDateTime } from '../../lib/format';
import { KIND_CALLS, kindOfPath, type AttachmentKind } from './kinds';
import { ATTACHMENT_MESSAGES, type AttachmentMessageKey } from './messages';

const CATEGORIES: Category[] = ['contract', 'receipt', 'photo', 'sign_in_sheet', 'other'];
/** The category a kind's files most often are, offered first: a project's contract, a report's bank receipt, a
 * visit's photos, an event's sign-in sheet, an enterprise's licence (其他). */
const FIRST_CATEGORY: Record<AttachmentKind, Category> = {
  project: 'contract', funds_report: 'receipt', visit: 'photo', event: 'sign_in_sheet', enterprise: 'other',
};
const EDITABLE = new Set(['draft', 'returned']);

function useWords() {
  const { lang } = useI18n();
  return (key: AttachmentMessageKey, vars?: Record<string, string>) =>
    Object.entries(vars ?? {}).reduce<string>((s, [k, v]) => s.replace(`{${k}}`, v),
      ATTACHMENT_MESSAGES[lang === 'en' ? 'en' : 'zh'][key]);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function fetchBlob(id: number, inline: boolean): Promise<{ blob: Blob; response: Response }> {
  const { data, response } = await downloadAttachment({ path: { attachment_id: id }, query: { inline }, parseAs: 'blob' });
  return { blob: data instanceof Blob ? data : new Blob([data as BlobPart]), response };
}

/** Shows an image or PDF fetched with the caller's token, as a local blob (never a link carrying credentials). */
function Preview({ file, onClose }: { file: AttachmentPublic; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    fetchBlob(file.id, true).then(({ blob }) => {
      objectUrl = URL.createObjectURL(new Blob([blob], { type: file.content_type }));
      setUrl(objectUrl);
    }, (e: unknown) => setFailed(errorText(e)));
    return () => { if (objectUrl) URL.revokeObjectURL(objectUrl); };
  }, [file.id, file.content_type]);
  return (
    <Modal open title={file.filename} onCancel={onClose} footer={null} width={900} destroyOnHidden>
      {failed && <Alert type="error" message={failed} />}
      {url && file.content_type === 'application/pdf' && (
        <iframe title={file.filename} src={url} style={{ width: '100%', height: '75vh', border: 0 }} />
      )}
      {url && file.content_type !== 'application/pdf' && (
        <img alt={file.filename} src={url} style={{ maxWidth: '100%', display: 'block', margin: '0 auto' }} />
      )}
    </Modal>
  );
}

export function AttachmentsPanel({ kind, id, editable }: { kind: AttachmentKind; id: number; editable: boolean }) {
  const w = useWords();
  const { message } = App.useApp();
  const userName = useUserNames();
  const queryClient = useQueryClient();
  const queryKey = ['attachments', kind, id];
  const files = useQuery({ queryKey, queryFn: () => KIND_CALLS[kind].list(id) });
  const [category, setCategory] = useState<Category>(FIRST_CATEGORY[kind]);
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState<AttachmentPublic | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey });

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await KIND_CALLS[kind].upload(id, file, category, crypto.randomUUID());
      message.success(w('uploaded'));
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const download = async (file: AttachmentPublic) => {
    try {
      saveBlob((await fetchBlob(file.id, false)).blob, file.filename);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const remove = async (file: AttachmentPublic) => {
    try {
      await deleteAttachment({ path: { attachment_id: file.id } });
      message.success(w('removed'));
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const columns: TableColumnsType<AttachmentPublic> = [
    { key: 'cat', title: w('category'), width: 100, render: (_, f) => <Tag>{w(`cat.${f.category}`)}</Tag> },
    {
      key: 'name', title: w('file'), ellipsis: true,
      render: (_, f) => <Tooltip title={`${w('sha')}: ${f.sha256}`}><span>{f.filename}</span></Tooltip>,
    },
    { key: 'size', title: w('size'), width: 90, render: (_, f) => formatSize(f.size) },
    {
      key: 'by', title: w('uploadedBy'), width: 160,
      render: (_, f) => <span>{userName(f.created_by) || f.created_by}<br />{formatDateTime(f.created_at)}</span>,
    },
    {
      key: 'actions', title: '', width: 120, align: 'right',
      render: (_, f) => (
        <Space size={0}>
          {f.previewable && (
            <Button type="link" size="small" icon={<EyeOutlined />} aria-label={w('preview')} title={w('preview')}
              onClick={() => setPreviewing(f)} />
          )}
          <Button type="link" size="small" icon={<DownloadOutlined />} aria-label={w('download')} title={w('download')}
            onClick={() => void download(f)} />
          {editable && (
            <Popconfirm title={w('removeConfirm')} onConfirm={() => remove(f)}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={w('remove')} title={w('remove')} />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const missing = files.data?.missing ?? [];
  return (
    <section className="zs-rec-card" data-testid="attachments-panel">
      <h2>{w('title')}</h2>
      {missing.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }}
          message={w('missing', { list: missing.map((c) => w(`cat.${c}`)).join('、') })} />
      )}
      {files.error && <Alert type="error" message={errorText(files.error)} />}
      <Table<AttachmentPublic> rowKey="id" size="small" pagination={false} columns={columns}
        loading={files.isLoading} dataSource={files.data?.data ?? []} locale={{ emptyText: w('empty') }} />
      {editable && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select<Category> value={category} onChange={setCategory} style={{ width: 130 }} aria-label={w('category')}
            options={CATEGORIES.map((c) => ({ value: c, label: w(`cat.${c}`) }))} />
          <Upload showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}
            accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.doc,.xls,.ppt">
            <Button icon={<UploadOutlined />} loading={busy}>{w('upload')}</Button>
          </Upload>
          <span className="zs-muted" style={{ fontSize: 12 }}>{w('hint')}</span>
        </Space>
      )}
      {previewing && <Preview file={previewing} onClose={() => setPreviewing(null)} />}
    </section>
  );
}

/** For the record page frame: the record of the current URL (`/projects/12`); nothing on other pages. */
export function RecordAttachments({ owner, status }: { owner: boolean; status?: string }) {
  const { pathname } = useLocation();
  const found = kindOfPath(pathname);
  if (!found) return null;
  return <AttachmentsPanel kind={found.kind} id={found.id} editable={owner && (status === undefined || EDITABLE.has(status))} />;
}
