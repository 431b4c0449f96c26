import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Form } from 'antd';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { FundsReportPublic } from '../../../api';
import { EDITOR_PERMS, json, meFor, problem, renderApp, renderWith } from '../../../test/utils';
import { CreditEditor } from '../components/CreditEditor';
import { fundsFigures } from '../components/FundsProgress';
import { allowedStages, reachedStages } from '../components/Stage';
import { emptyHistory, meta, recordRoutes, signInWith } from '../lib/testing';
import { withRunningTotal } from './ProjectFunds';
import ProjectPage, { projectBody } from './ProjectPage';
import ProjectsPage from './ProjectsPage';

const editor = meFor('unit_editor', EDITOR_PERMS, '东昌府区');
const routes = recordRoutes('/projects', ProjectsPage, ProjectPage);

const project = (extra: Record<string, unknown> = {}) => ({
  id: 5, ...meta({ status: 'submitted' }), name: '高性能复合材料产业园', enterprises: [{ id: 7, name: '中材高新', uscc: null }],
  cluster_id: 1, four_new: 'new_industry', advanced_class: null, total_investment: '50000.00', outside_province_investment: null,
  foreign_investment: null, landing_unit_id: 2, lead_id: null, signed_event_id: null, stage: 'signed',
  negotiating_on: '2019-06-10', signed_on: '2019-06-10', started_on: null, in_production_on: null, dropped_on: null, drop_reason: null,
  credits: [{ unit_id: 2, share: '60.00' }, { unit_id: 30, share: '40.00' }],
  timeline: [{ stage: 'negotiating', label: '在谈', on: '2019-06-10' }, { stage: 'signed', label: '签约', on: '2019-06-10' }],
  funds_reported: '20000.50', funds_verified: '0.00', funds_override_reason: null, funds_override_by: null, ...extra,
});
const report = (id: number, period: string, amount: string, status = 'draft') => ({
  id, ...meta({ status, version: 1 }), project_id: 5, project_name: '高性能复合材料产业园', period, amount, note: '',
  project_total_investment: '50000.00', project_funds_reported: '20000.50',
}) as unknown as FundsReportPublic;

describe('credit shares', () => {
  function Harness({ credits }: { credits: { unit_id: number | null; share: string | null }[] }) {
    const [form] = Form.useForm();
    return <Form form={form} initialValues={{ credits }}><CreditEditor /></Form>;
  }

  it('adds shares exactly: 33.33 + 33.33 + 33.34 is exactly 100 %', async () => {
    signInWith(editor, {});
    renderWith(<Harness credits={[{ unit_id: 2, share: '33.33' }, { unit_id: 3, share: '33.33' }, { unit_id: 30, share: '33.34' }]} />);
    const sum = await screen.findByTestId('credits-sum');
    expect(sum).toHaveTextContent('合计 100.00%');
    expect(sum).toHaveTextContent('合计正好 100%');
  });

  it('says what is missing or too much, and that an empty list means 100 % to the unit', async () => {
    signInWith(editor, {});
    const { unmount } = renderWith(<Harness credits={[{ unit_id: 2, share: '60' }, { unit_id: 30, share: '40.01' }]} />);
    expect(await screen.findByTestId('credits-sum')).toHaveTextContent('超出 0.01%，份额合计须正好为 100%');
    unmount();
    renderWith(<Harness credits={[]} />);
    expect(await screen.findByTestId('credits-sum')).toHaveTextContent('未填写：本单位 100%');
    await userEvent.setup().click(screen.getByTestId('credits-add'));
    expect(await screen.findByLabelText('份额（%） 1')).toHaveValue('100.00'); // the first row: the unit itself, 100 %
    await waitFor(() => expect(screen.getByTestId('credits-sum')).toHaveTextContent('合计正好 100%'));
  });
});

describe('stages', () => {
  it('moves only forward, or to dropped before production', () => {
    expect(allowedStages('signed')).toEqual(['signed', 'started', 'in_production', 'dropped']);
    expect(allowedStages('in_production')).toEqual(['in_production']);
    expect(allowedStages('dropped')).toEqual(['dropped']);
    expect(reachedStages('started')).toEqual(['negotiating', 'signed', 'started']);
    expect(reachedStages('dropped', 'signed')).toEqual(['negotiating', 'signed']);
  });

  it('sends dates only for the stages reached, money as exact strings, credits as given', () => {
    const body = projectBody({
      name: ' 产业园 ', enterprise_ids: [7], cluster_id: null, four_new: null, advanced_class: null, total_investment: '50000.10',
      outside_province_investment: '', foreign_investment: null, landing_unit_id: 2, lead_id: null, signed_event_id: null,
      credits: [{ unit_id: 2, share: '60' }, { unit_id: 30, share: '40.00' }], stage: 'signed',
      negotiating_on: dayjs('2019-05-01'), signed_on: dayjs('2019-06-10'), started_on: dayjs('2019-07-01'), in_production_on: null,
      dropped_on: dayjs('2019-08-01'), drop_reason: '不应发送',
    });
    expect(body).toMatchObject({
      name: '产业园', total_investment: '50000.10', outside_province_investment: null, stage: 'signed',
      negotiating_on: '2019-05-01', signed_on: '2019-06-10', started_on: null, dropped_on: null, drop_reason: null,
      credits: [{ unit_id: 2, share: '60' }, { unit_id: 30, share: '40.00' }],
    });
  });
});

describe('funds in place', () => {
  it('keeps the running total exact and leaves returned reports out of it', () => {
    const rows = withRunningTotal([report(3, '2019-08-01', '0.10', 'returned'), report(2, '2019-07-01', '8000.00'), report(1, '2019-06-01', '12000.50')]);
    expect(rows.map((r) => [r.period, r.cumulative])).toEqual([
      ['2019-06-01', '12000.50'], ['2019-07-01', '20000.50'], ['2019-08-01', null],
    ]);
    expect(fundsFigures('50000.00', '20000.50', '0.30')).toMatchObject({ after: '20000.80', remaining: '29999.20', over: false });
    expect(fundsFigures('50000.00', '49999.99', '0.02')).toMatchObject({ after: '50000.01', remaining: '-0.01', over: true });
  });

  it('lists the project’s months with the total, and reports the next month right there', async () => {
    const { calls } = signInWith(editor, {
      'GET /api/v1/projects/5': () => json(project()),
      'GET /api/v1/projects/5/history': emptyHistory,
      'GET /api/v1/funds-reports': () => json({ data: [report(2, '2019-07-01', '8000.00'), report(1, '2019-06-01', '12000.50', 'submitted')], next_cursor: null }),
      'POST /api/v1/funds-reports': () =>
        problem(422, '到位资金累计 60000.50 万元将超过项目总投资 50000.00 万元（超出 10000.50 万元）。', {
          errors: [{ field: 'amount', message: '累计超过总投资' }],
        }),
    });
    renderApp(routes, { path: '/projects/5' });
    const table = await screen.findByTestId('project-funds-table');
    expect(await within(table).findByText('20,000.50')).toBeInTheDocument(); // cumulative after 2019-07
    expect(screen.getByTestId('project-credits')).toHaveTextContent('新材料产业招商团组40.00%');

    await userEvent.setup().click(screen.getByTestId('funds-add'));
    const quick = screen.getByTestId('funds-quick-add');
    expect(within(quick).getByLabelText('报送月份')).toHaveValue('2019-08');
    await userEvent.setup().type(within(quick).getByLabelText('本月到位资金（万元）'), '40000');
    expect(await within(quick).findByTestId('funds-over')).toHaveTextContent('将超过总投资 10,000.50 万元');
    await userEvent.setup().click(within(quick).getByTestId('funds-quick-save'));
    const amountItem = within(quick).getByLabelText('本月到位资金（万元）').closest('.ant-form-item') as HTMLElement;
    expect(await within(amountItem).findByText('累计超过总投资')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST' && c.url.endsWith('/api/v1/funds-reports'))!;
    expect(await post.clone().json()).toEqual({ project_id: 5, period: '2019-08', amount: '40000', note: '' });
  }, 40_000);
});
