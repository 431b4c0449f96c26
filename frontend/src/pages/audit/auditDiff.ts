// What an audit event changed, field by field. Updates list only the fields that differ; a creation lists
// what was set, a deletion what was there. Bookkeeping fields are left out of the summary.

export type Snapshot = Record<string, unknown> | null | undefined;

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const NOISE = new Set(['id', 'version', 'created_at', 'updated_at', 'session_version', 'password_hash']);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function fieldChanges(before: Snapshot, after: Snapshot, { all = false } = {}): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: FieldChange[] = [];
  for (const field of keys) {
    const b = before?.[field];
    const a = after?.[field];
    if (!all && before && after && same(a, b)) continue;
    if (!all && NOISE.has(field) && !(before && after)) continue;
    const only = before == null ? a : after == null ? b : undefined;
    if (!all && (before == null || after == null) && (only === null || only === '')) continue; // unset on create/delete
    out.push({ field, before: before ? b : undefined, after: after ? a : undefined });
  }
  return out;
}

/** One-line text of the changes, for CSV export. */
export function changesText(
  changes: FieldChange[],
  fmt: (field: string, v: unknown) => string,
  name: (field: string) => string,
): string {
  return changes
    .map((c) =>
      c.before === undefined
        ? `${name(c.field)}=${fmt(c.field, c.after)}`
        : c.after === undefined
          ? `${name(c.field)}=${fmt(c.field, c.before)}`
          : `${name(c.field)}: ${fmt(c.field, c.before)} → ${fmt(c.field, c.after)}`,
    )
    .join('；');
}
