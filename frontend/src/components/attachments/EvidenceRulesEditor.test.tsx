import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { startSession } from '../../auth/session';
import { json, meFor, mockApi, renderWith } from '../../test/utils';
import { EvidenceRulesEditor } from './EvidenceRulesEditor';

vi.setConfig({ testTimeout: 30_000 });

const RULES = { project_contract: false, funds_receipt: false, event_sign_in_sheet: false, event_photo: false, visit_photo: false };
const DESCRIPTIONS = {
  project_contract: '已签约（含开工、投产）的项目报送前须上传签约合同 / a project signed or beyond needs its contract before it is submitted',
  funds_receipt: '到位资金报送前须上传到位凭证 / a funds report needs its bank receipt',
};

describe('EvidenceRulesEditor', () => {
  it('turns a rule on with a reason as a new version', async () => {
    let sent: unknown = null;
    startSession({ access: 'a', refresh: 'r', expiresAt: Date.now() + 900_000, lifetime: 900_000 });
    mockApi({
      'GET /api/v1/auth/me': () => json(meFor('office', ['targets:manage', 'records:read'])),
      'GET /api/v1/attachments/rules': () => json({ id: null, rules: RULES, reason: '默认：均不要求', created_by: '', created_at: null, descriptions: DESCRIPTIONS }),
      'PUT /api/v1/attachments/rules': async (req) => {
        sent = await req.json();
        return json({ id: 1, rules: { ...RULES, project_contract: true }, reason: '核实需凭证', created_by: 'office', created_at: '2026-12-04T01:00:00Z', descriptions: DESCRIPTIONS });
      },
    });
    renderWith(<EvidenceRulesEditor />);
    const toggle = await screen.findByRole('switch', { name: '已签约（含开工、投产）的项目报送前须上传签约合同' });
    const save = screen.getByRole('button', { name: '保存为新版本' });
    expect(save).toBeDisabled();
    await userEvent.click(toggle);
    await userEvent.type(screen.getByRole('textbox', { name: '修改原因' }), '核实需凭证');
    await userEvent.click(save);
    await waitFor(() => expect(sent).toEqual({ rules: { ...RULES, project_contract: true }, reason: '核实需凭证' }));
  });
});
