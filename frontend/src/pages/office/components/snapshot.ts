// The shape of one frozen figure (SnapshotPublic.items are typed loosely by the API) and helpers on it.
import type { TagProps } from 'antd';

export interface SnapshotItem {
  target_id: number;
  code: string;
  metric: string;
  title_zh: string;
  title_en: string;
  period: string;
  applies_to: string;
  unit_id: number | null;
  unit_name: string | null;
  unit_type: string | null;
  value_kind: string;
  threshold: string | null;
  actual: string;
  unverified: string;
  ratio: string | null;
  elapsed_ratio: string;
  status: string;
  colour: string;
  rule_zh: string;
  rule_en: string;
  adjustment_total: string;
  adjusted_actual: string;
}

export const asItems = (items: Array<Record<string, unknown>>): SnapshotItem[] => items as unknown as SnapshotItem[];

export const itemKey = (i: { target_id: number; unit_id: number | null }) => `${i.target_id}:${i.unit_id ?? 'city'}`;

export const TAG_COLOURS: Record<string, TagProps['color']> = {
  green: 'success',
  amber: 'warning',
  red: 'error',
  grey: 'default',
};

export const isAdjusted = (i: SnapshotItem) => Boolean(i.adjustment_total) && !/^-?0(\.0+)?$/.test(i.adjustment_total);
