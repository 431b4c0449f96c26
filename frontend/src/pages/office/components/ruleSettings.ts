// The counting rules as editable settings: which control each one needs, its description split into zh / en,
// and the difference between two versions. A setting the API adds later still gets a control from its value.
import type { Rules } from '../../../api';

type Choices<K extends keyof Rules> = readonly NonNullable<Rules[K]>[];

/** Literal choices, checked against the generated types (a choice the API drops fails the type check). */
export const RULE_CHOICES: { [K in keyof Rules]?: Choices<K> } = {
  territorial_attribution: ['landing', 'credit', 'both'],
  credit_weighting: ['weighted', 'full'],
  landed_stage: ['signed', 'started', 'in_production'],
  funds_target_scope: ['city_total', 'per_unit'],
};

export type Control = 'switch' | 'radio' | 'tags' | 'ratio' | 'text';

const RATIO = new Set(['rag_amber_ratio']);

export function controlOf(key: string, value: unknown): Control {
  if (key in RULE_CHOICES) return 'radio';
  if (typeof value === 'boolean') return 'switch';
  if (Array.isArray(value)) return 'tags';
  if (RATIO.has(key) || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) || typeof value === 'number') return 'ratio';
  return 'text';
}

/** "中文说明 / English text" → { zh, en } (the API keeps both in one description). */
export function splitDescription(text: string | undefined): { zh: string; en: string } {
  if (!text) return { zh: '', en: '' };
  // the separator is a slash followed by English ("…即可）/ target 10…"); "落地/引进" inside the Chinese is not one
  const m = /\s*\/\s+(?=[A-Za-z'"‘“])/.exec(text);
  return m ? { zh: text.slice(0, m.index).trim(), en: text.slice(m.index + m[0].length).trim() } : { zh: text, en: text };
}

export type RuleValues = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Normalises a value for comparison: ratios compare as numbers written alike ("0.80" = "0.8"). */
function norm(key: string, v: unknown): unknown {
  if (RATIO.has(key) && (typeof v === 'string' || typeof v === 'number')) {
    const s = String(v);
    return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  }
  return v;
}

export interface RuleChange {
  key: string;
  before: unknown;
  after: unknown;
}

export function ruleChanges(before: RuleValues | Rules | undefined, after: RuleValues | Rules): RuleChange[] {
  const b = (before ?? {}) as RuleValues;
  const a = after as RuleValues;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => !same(norm(k, b[k]), norm(k, a[k])))
    .map((k) => ({ key: k, before: b[k], after: a[k] }));
}
