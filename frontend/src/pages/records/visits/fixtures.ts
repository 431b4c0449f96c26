// The visit the visit tests share (its page's tests and the shared form's): a visit to 潍柴动力 and the routes
// that show it.
import { EDITOR_PERMS, json, meFor } from '../../../test/utils';
import { meta, recordRoutes } from '../lib/testing';
import VisitPage from './VisitPage';
import VisitsPage from './VisitsPage';

export const editor = meFor('unit_editor', EDITOR_PERMS, '东昌府区');
export const routes = recordRoutes('/visits', VisitsPage, VisitPage);
export const enterprise = { id: 7, name: '潍柴动力股份有限公司', uscc: '913700007456765902' };
export const visit = (extra: Record<string, unknown> = {}) => ({
  id: 12, ...meta(), enterprise_id: 7, enterprise, visit_date: '2019-05-06', region: 'yangtze_delta', place: '上海',
  leader_level: 'county_leader', leader_name: '张县长', participants: '', outcome: '有意向', next_step: '', lead_id: null,
  ...extra,
});
export const enterpriseRoute = { 'GET /api/v1/enterprises/7': () => json({ ...enterprise, former_names: [] }) };
