import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { startSession } from '../../auth/session';
import { EDITOR_PERMS, json, meFor, mockApi, renderWith } from '../../test/utils';
import { AttachmentsPanel, RecordAttachments } from './AttachmentsPanel';
import { kindOfPath } from './kinds';

vi.setConfig({ testTimeout: 30_000 });

const FILE = {
  id: 7, record_table: 'project', record_id: 3, unit_id: 2, category: 'contract', filename: '签约合同.pdf',
  content_type: 'application/pdf', size: 20480, sha256: 'ab'.repeat(32), previewable: true,
  created_by: 'dcf_editor', created_at: '2026-12-01T02:00:00Z',
};

function signIn(routes: Parameters<typeof mockApi>[0]) {
  startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
  return mockApi({
    'GET /api/v1/auth/me': () => json(meFor('unit_editor', EDITOR_PERMS, '东昌府区')),
    'GET /api/v1/users/names': () => json({ data: [] }),
    ...routes,
  });
}

describe('AttachmentsPanel', () => {
  it('maps record pages to kinds and ignores other pages', () => {
    expect(kindOfPath('/funds/12')).toEqual({ kind: 'funds_report', id: 12 });
    expect(kindOfPath('/projects/new')).toBeNull();
    expect(kindOfPath('/leads/3')).toBeNull();
  });

  it('lists files, warns about missing evidence and uploads with the chosen category', async () => {
    let uploaded: FormData | null = null;
    const { calls } = signIn({
      'GET /api/v1/projects/3/attachments': () => json({ data: uploaded ? [FILE] : [], missing: uploaded ? [] : ['contract'] }),
      'POST /api/v1/projects/3/attachments': async (req) => {
        uploaded = await req.formData();
        return json(FILE, 201);
      },
    });
    renderWith(<AttachmentsPanel kind="project" id={3} editable />);
    expect(await screen.findByText('按办公室的要求，报送前还需上传：合同')).toBeInTheDocument();
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await userEvent.upload(input, new File(['%PDF-1.4'], '签约合同.pdf', { type: 'application/pdf' }));
    expect(await screen.findByText('签约合同.pdf')).toBeInTheDocument();
    expect((uploaded as FormData | null)?.get('category')).toBe('contract');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.headers.get('Idempotency-Key')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/报送前还需上传/)).not.toBeInTheDocument());
  });

  it('is read-only once the record is submitted, in English too', async () => {
    signIn({ 'GET /api/v1/visits/4/attachments': () => json({ data: [{ ...FILE, record_table: 'visit' }], missing: [] }) });
    renderWith(<RecordAttachments owner status="submitted" />, { path: '/visits/4', lang: 'en' });
    expect(await screen.findByText('签约合同.pdf')).toBeInTheDocument();
    expect(screen.getByText('Contract')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(screen.queryByText('Upload')).not.toBeInTheDocument();
  });
});
