// Labels for values that come from the API as codes (audit entities and fields). Unknown codes show as-is.
import type { Lang } from './I18nProvider';
import type { MessageKey } from './messages';

type Labels = Record<string, { zh: string; en: string }>;

export const entityLabels: Labels = {
  unit: { zh: '单位', en: 'Unit' },
  unit_link: { zh: '单位关联', en: 'Unit link' },
  unit_cluster: { zh: '单位产业集群', en: 'Unit cluster' },
  cluster: { zh: '产业集群', en: 'Cluster' },
  app_user: { zh: '用户', en: 'User' },
  api_client: { zh: '接口客户端', en: 'API client' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  lead: { zh: '线索', en: 'Lead' },
  visit: { zh: '走访', en: 'Visit' },
  event: { zh: '活动', en: 'Event' },
  event_enterprise: { zh: '活动参与企业', en: 'Event enterprise' },
  project: { zh: '项目', en: 'Project' },
  project_credit: { zh: '项目分成', en: 'Project credit' },
  project_enterprise: { zh: '项目企业', en: 'Project enterprise' },
  funds_report: { zh: '资金到位', en: 'Funds report' },
  target: { zh: '目标', en: 'Target' },
  target_set: { zh: '目标方案', en: 'Target set' },
  rule_version: { zh: '计分规则', en: 'Rule version' },
  scoring_scheme: { zh: '考核方案', en: 'Scoring scheme' },
  assessment_veto: { zh: '一票否决', en: 'Veto' },
  snapshot: { zh: '季度快照', en: 'Quarter snapshot' },
  snapshot_adjustment: { zh: '快照调整', en: 'Snapshot adjustment' },
  conflict_decision: { zh: '冲突处理', en: 'Conflict decision' },
};

export const fieldLabels: Labels = {
  id: { zh: 'ID', en: 'ID' },
  code: { zh: '编码', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  name_zh: { zh: '中文名称', en: 'Chinese name' },
  name_en: { zh: '英文名称', en: 'English name' },
  type: { zh: '类型', en: 'Type' },
  leader_name: { zh: '负责人', en: 'Leader' },
  active: { zh: '启用', en: 'Active' },
  username: { zh: '用户名', en: 'Username' },
  display_name: { zh: '姓名', en: 'Name' },
  role: { zh: '角色', en: 'Role' },
  unit_id: { zh: '单位', en: 'Unit' },
  password_hash: { zh: '密码', en: 'Password' },
  last_login_at: { zh: '最近登录', en: 'Last sign-in' },
  created_at: { zh: '创建时间', en: 'Created' },
  updated_at: { zh: '更新时间', en: 'Updated' },
  status: { zh: '状态', en: 'Status' },
  version: { zh: '版本', en: 'Version' },
  session_version: { zh: '会话版本', en: 'Session version' },
  scopes: { zh: '权限范围', en: 'Scopes' },
  revoked_at: { zh: '吊销时间', en: 'Revoked' },
};

export function label(map: Labels, code: string, lang: Lang): string {
  return map[code]?.[lang] ?? code;
}

export function roleLabel(role: string | null | undefined, t: (k: MessageKey) => string): string {
  if (!role) return '';
  const key = `role.${role}` as MessageKey;
  const text = t(key);
  return text === key ? role : text;
}
