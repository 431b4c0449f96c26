import { describe, expect, it } from 'vitest';
import { changesText, fieldChanges } from './auditDiff';

describe('fieldChanges', () => {
  it('lists only the fields an update changed', () => {
    const before = { id: 1, name_zh: '东昌府区', leader_name: '', active: true, version: 1 };
    const after = { id: 1, name_zh: '东昌府区', leader_name: '张三', active: false, version: 2 };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'leader_name', before: '', after: '张三' },
      { field: 'active', before: true, after: false },
      { field: 'version', before: 1, after: 2 },
    ]);
  });

  it('lists what a creation set, without bookkeeping or empty fields', () => {
    const after = { id: 7, username: 'x', display_name: '某某', unit_id: null, created_at: '2026-01-01T00:00:00Z' };
    expect(fieldChanges(null, after).map((c) => c.field)).toEqual(['username', 'display_name']);
    expect(fieldChanges(null, after)[0]).toEqual({ field: 'username', before: undefined, after: 'x' });
  });

  it('can list every field', () => {
    expect(fieldChanges({ a: 1 }, { a: 1 }, { all: true })).toEqual([{ field: 'a', before: 1, after: 1 }]);
  });

  it('writes one line for a spreadsheet', () => {
    const text = changesText(fieldChanges({ a: 1, b: 'x' }, { a: 2, b: 'x' }), (_f, v) => String(v), (f) => f.toUpperCase());
    expect(text).toBe('A: 1 → 2');
  });
});
