// Labels for values that come from the API as codes (audit entities, from the catalogue, and fields). Unknown codes show as-is.
import { en, zh } from '../generated/labels';
import type { Lang } from './I18nProvider';
import type { MessageKey } from './messages';

type Labels = Record<string, { zh: string; en: string }>;

/** The audited tables (`entity.<table>` in the labels catalogue, backend/app/core/labels.py). */
export const entityLabels: Labels = Object.fromEntries(
  Object.entries(zh)
    .filter(([key]) => key.startsWith('entity.'))
    .map(([key, text]) => [key.slice('entity.'.length), { zh: text, en: en[key as keyof typeof zh] }]),
);

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
