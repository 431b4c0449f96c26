// A record's history in words a clerk knows: which fields changed, before → after, Chinese labels and
// enum names instead of codes. (Ideas from pages/audit, kept separate so the two can evolve apart.)
import type { EnumName } from '../../../i18n/enums';

export type Snapshot = Record<string, unknown> | null | undefined;

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping that says nothing to the reader (the parent id of a child row, normalised names…). */
const NOISE = new Set([
  'id', 'version', 'created_at', 'updated_at', 'name_norm', 'name_seq', 'former_norms', 'created_by_unit_id',
  'project_id', 'event_id', 'submitted_at', 'verified_at',
]);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function fieldChanges(before: Snapshot, after: Snapshot): FieldChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: FieldChange[] = [];
  for (const field of keys) {
    if (NOISE.has(field)) continue;
    const b = before?.[field];
    const a = after?.[field];
    if (before && after && same(a, b)) continue;
    const only = before == null ? a : after == null ? b : undefined;
    if ((before == null || after == null) && (only === null || only === '' || only === false)) continue;
    out.push({ field, before: before ? b : undefined, after: after ? a : undefined });
  }
  return out;
}

/** Which enum a field's codes belong to. */
export const FIELD_ENUMS: Record<string, EnumName> = {
  status: 'status',
  region: 'region',
  stage: 'stage',
  four_new: 'fourNew',
  advanced_class: 'advancedClass',
  kind: 'eventKind',
  source: 'leadSource',
  state: 'leadState',
  leader_level: 'leaderLevel',
};

export const UNIT_FIELDS = new Set(['unit_id', 'landing_unit_id', 'assigned_unit_id']);

/** Child rows of a record (credit shares, linked enterprises) are shown under their parent's history. */
export const CHILD_ENTITIES = new Set(['project_credit', 'project_enterprise', 'event_enterprise']);
