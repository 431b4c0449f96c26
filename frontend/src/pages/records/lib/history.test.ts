import { describe, expect, it } from 'vitest';
import { fieldChanges } from './history';

describe('history diff', () => {
  it('lists only the fields an update changed, without bookkeeping', () => {
    const before = { id: 1, version: 1, status: 'draft', place: '潍坊', outcome: '', updated_at: 'a' };
    const after = { id: 1, version: 2, status: 'draft', place: '济南', outcome: '有意向', updated_at: 'b' };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'place', before: '潍坊', after: '济南' },
      { field: 'outcome', before: '', after: '有意向' },
    ]);
  });

  it('lists what a creation set, leaving out empty values', () => {
    const changes = fieldChanges(null, { id: 3, visit_date: '2019-05-06', participants: '', lead_id: null, is_listed: false });
    expect(changes).toEqual([{ field: 'visit_date', before: undefined, after: '2019-05-06' }]);
  });

  it('lists what a deletion removed', () => {
    expect(fieldChanges({ project_id: 1, unit_id: 2, share: '60.00' }, null)).toEqual([
      { field: 'unit_id', before: 2, after: undefined },
      { field: 'share', before: '60.00', after: undefined },
    ]);
  });
});
