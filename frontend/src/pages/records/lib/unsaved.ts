// A form's unsaved edits, kept in localStorage until they are saved or given up: they survive a session ended
// elsewhere (the save answers 401, the app sends the user to the login page and back) and a closed tab. Only the
// fields the user changed are kept, so restoring them over a newer version of the record re-applies the user's
// edits without undoing anyone else's (the same as "keep my changes" after a 412).
import dayjs, { type Dayjs } from 'dayjs';

const PREFIX = 'zs-unsaved:';

type Values = Record<string, unknown>;

/** Dates (Dayjs) as {"$day": "YYYY-MM-DD"}, so they come back as Dayjs rather than as strings. */
function encode(value: unknown): unknown {
  if (dayjs.isDayjs(value)) return { $day: (value as Dayjs).format('YYYY-MM-DD') };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$day === 'string' && Object.keys(o).length === 1) return dayjs(o.$day);
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

const text = (v: unknown) => JSON.stringify(encode(v ?? null));

/** The fields of `current` that differ from `initial` (what the user changed). */
export function edits(initial: Values | undefined, current: Values): Values {
  const base = initial ?? {};
  return Object.fromEntries(Object.entries(current).filter(([k, v]) => text(v) !== text(base[k])));
}

/** The storage key of a form: the signed-in user and the page (a new record, or one record's edit form). */
export function unsavedKey(userId: number | null | undefined, page: string): string {
  return `${PREFIX}${userId ?? 'anon'}:${page}`;
}

export function keepUnsaved(key: string, changed: Values): void {
  try {
    if (Object.keys(changed).length) localStorage.setItem(key, JSON.stringify(encode(changed)));
    else localStorage.removeItem(key);
  } catch {
    // storage full or disabled: the form still works, only without the safety copy
  }
}

export function readUnsaved(key: string): Values | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const parsed = decode(JSON.parse(raw));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Values) : null;
  } catch {
    return null;
  }
}

export function hasUnsaved(key: string): boolean {
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

export function dropUnsaved(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing kept
  }
}
