import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { EDITOR_PERMS, json, meFor, problem, renderWith } from '../../../test/utils';
import { signInWith } from '../lib/testing';
import { EnterpriseSelect } from './EnterpriseSelect';

const editor = meFor('unit_editor', EDITOR_PERMS, '东昌府区');
const existing = { id: 7, name: '潍柴动力股份有限公司', uscc: '913700007456765902', reason: '名称相同或相近' };

function Picker() {
  const [value, setValue] = useState<number | number[] | null>(null);
  return (
    <>
      <EnterpriseSelect value={value} onChange={setValue} allowCreate aria-label="企业" />
      <output data-testid="picked">{JSON.stringify(value)}</output>
    </>
  );
}

describe('EnterpriseSelect inline creation', () => {
  it('warns of a likely duplicate while typing and picks the existing enterprise instead', { timeout: 40_000 }, async () => {
    const { calls } = signInWith(editor, {
      'GET /api/v1/enterprises/duplicate-candidates': (req) =>
        json({ data: (new URL(req.url).searchParams.get('name') ?? '').startsWith('潍柴') ? [existing] : [] }),
    });
    renderWith(<Picker />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('enterprise-new-inline'));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('名称'), '潍柴动力有限公司');
    const warning = await within(dialog).findByTestId('duplicate-candidates', {}, { timeout: 3000 });
    expect(warning).toHaveTextContent('潍柴动力股份有限公司');
    expect(within(dialog).getByTestId('enterprise-save')).toBeDisabled(); // until confirmed as a different company
    await user.click(within(warning).getByRole('button', { name: '选用此企业' }));
    await waitFor(() => expect(screen.getByTestId('picked')).toHaveTextContent('7'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('checks the credit code as typed and asks for a reason when the check character is wrong', async () => {
    const { calls } = signInWith(editor, {
      'GET /api/v1/enterprises/duplicate-candidates': () => json({ data: [] }),
      'POST /api/v1/enterprises': async (req) => json({ id: 9, ...(await req.json()) }, 201),
    });
    renderWith(<Picker />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('enterprise-new-inline'));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('名称'), '聊城新材料有限公司');
    const code = within(dialog).getByLabelText(/统一社会信用代码/);
    await user.type(code, '91350100m000100y4');
    expect(within(dialog).getByText('已输入 17 位，共 18 位')).toBeInTheDocument();
    await user.type(code, '4'); // the check character should be 3
    expect(code).toHaveValue('91350100M000100Y44');
    expect(within(dialog).getByTestId('uscc-bad-check')).toHaveTextContent('第 18 位应为“3”');
    await user.click(within(dialog).getByTestId('enterprise-save'));
    expect(await within(dialog).findByText('校验位不符时须填写说明')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.type(within(dialog).getByLabelText(/校验不符的说明/), '营业执照原件如此');
    await user.click(within(dialog).getByTestId('enterprise-save'));
    await waitFor(() => expect(screen.getByTestId('picked')).toHaveTextContent('9'));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(await post.clone().json()).toMatchObject({
      name: '聊城新材料有限公司', uscc: '91350100M000100Y44', uscc_override_reason: '营业执照原件如此', confirm_not_duplicate: false,
    });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  }, 40_000);

  it('shows the candidates the API answers with on 409 and lets the user confirm a different company', async () => {
    let posts = 0;
    const { calls } = signInWith(editor, {
      'GET /api/v1/enterprises/duplicate-candidates': () => json({ data: [] }),
      'POST /api/v1/enterprises': async (req) => {
        posts += 1;
        const body = await req.json();
        return body.confirm_not_duplicate
          ? json({ id: 10, ...body }, 201)
          : problem(409, '企业库中可能已有该企业，请先确认', { type: '/problems/possible-duplicate', candidates: [existing] });
      },
    });
    renderWith(<Picker />);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('enterprise-new-inline'));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('名称'), '潍柴动力');
    await user.click(within(dialog).getByTestId('enterprise-save'));
    expect(await within(dialog).findByTestId('duplicate-candidates')).toHaveTextContent('潍柴动力股份有限公司');
    await user.click(within(dialog).getByRole('checkbox', { name: /不是同一家企业/ }));
    await user.click(within(dialog).getByTestId('enterprise-save'));
    await waitFor(() => expect(screen.getByTestId('picked')).toHaveTextContent('10'));
    expect(posts).toBe(2);
    const keys = calls.filter((c) => c.method === 'POST').map((c) => c.headers.get('Idempotency-Key'));
    expect(keys[1]).not.toBe(keys[0]); // another body, another key
  }, 40_000);
});
