// The signed-in session: tokens in memory, mirrored to sessionStorage (survives a reload, dies with the tab).
// Refresh tokens are single-use, so every refresh goes through one flight per tab and, across tabs of the
// same browser, through a Web Lock plus a BroadcastChannel that hands the rotated pair to the other tabs.
import { token as requestToken, type TokenResponse } from '../api';
import { ApiError } from '../lib/apiError';

export interface Tokens {
  access: string;
  refresh: string | null;
  expiresAt: number; // ms since epoch, by this browser's clock
  lifetime: number; // ms
}

export type EndReason = 'logout' | 'expired';

type Message =
  | { type: 'rotated'; from: string; tokens: Tokens }
  | { type: 'login'; tokens: Tokens }
  | { type: 'logout'; refresh: string | null }
  | { type: 'ask' }
  | { type: 'share'; tokens: Tokens };

const STORAGE_KEY = 'zs.session';
const LOCK_NAME = 'zs-auth-refresh';

let tokens: Tokens | null = readStored();
let endReason: EndReason | null = null;
let inflight: Promise<Tokens | null> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let channel: BroadcastChannel | null = null;
let asking = false;
const listeners = new Set<() => void>();

function readStored(): Tokens | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const t = raw ? (JSON.parse(raw) as Tokens) : null;
    return t && typeof t.access === 'string' ? t : null;
  } catch {
    return null;
  }
}

function store(next: Tokens | null): void {
  tokens = next;
  try {
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // private mode or policy: the session then lives in memory only
  }
  schedule();
  listeners.forEach((fn) => fn());
}

function post(message: Message): void {
  channel?.postMessage(message);
}

export function fromTokenResponse(r: TokenResponse): Tokens {
  const lifetime = Math.max(1, r.expires_in) * 1000;
  return { access: r.access_token, refresh: r.refresh_token ?? null, expiresAt: Date.now() + lifetime, lifetime };
}

/** Refresh this long before expiry: a minute, or a fifth of a short lifetime. */
function leadMs(t: Tokens): number {
  return Math.min(60_000, t.lifetime / 5);
}

export function expiringSoon(t: Tokens, now = Date.now()): boolean {
  return now >= t.expiresAt - leadMs(t);
}

function schedule(): void {
  clearTimeout(timer);
  timer = undefined;
  const t = tokens;
  if (!t?.refresh) return;
  const delay = Math.max(1_000, t.expiresAt - leadMs(t) - Date.now());
  timer = setTimeout(() => {
    refresh(t.access).catch(() => {
      // offline: try again on the next request
    });
  }, delay);
}

export const getTokens = (): Tokens | null => tokens;
export const getEndReason = (): EndReason | null => endReason;
export const isSignedIn = (): boolean => tokens !== null;

export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function startSession(t: Tokens): void {
  endReason = null;
  store(t);
  post({ type: 'login', tokens: t });
}

export function endSession(reason: EndReason): void {
  const was = tokens;
  endReason = reason;
  store(null);
  if (reason === 'logout' && was) post({ type: 'logout', refresh: was.refresh });
}

async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks || !channel) return fn();
  return locks.request(LOCK_NAME, async () => {
    const result = await fn();
    // let the 'rotated' message reach the other tabs before one of them takes the lock
    await new Promise((r) => setTimeout(r, 50));
    return result;
  });
}

async function rotate(staleAccess: string): Promise<Tokens | null> {
  const current = tokens;
  if (!current) return null;
  if (current.access !== staleAccess && !expiringSoon(current)) return current; // someone already did it
  if (!current.refresh) {
    endSession('expired');
    return null;
  }
  try {
    const { data } = await requestToken({ body: { grant_type: 'refresh_token', refresh_token: current.refresh } });
    const next = fromTokenResponse(data);
    if (tokens !== current) return tokens; // signed out (or in again) meanwhile
    store(next);
    post({ type: 'rotated', from: current.refresh, tokens: next });
    return next;
  } catch (err) {
    if (err instanceof ApiError && !err.isNetwork && err.status < 500) {
      if (tokens === current) endSession('expired');
      return null;
    }
    throw err; // offline or server trouble: keep the session, the caller shows the error
  }
}

/**
 * Exchange the refresh token for a new pair, at most once at a time.
 * `staleAccess` is the access token found wanting; if it was already replaced, the newer pair is returned.
 * Resolves to null when the session is over (the caller should show the login page).
 */
export function refresh(staleAccess: string): Promise<Tokens | null> {
  inflight ??= exclusive(() => rotate(staleAccess)).finally(() => {
    inflight = null;
  });
  return inflight;
}

/** Current tokens, refreshed first when about to expire. */
export async function freshTokens(): Promise<Tokens | null> {
  const t = tokens;
  if (!t || !expiringSoon(t) || !t.refresh) return t;
  try {
    return await refresh(t.access);
  } catch {
    return tokens; // offline: try with what we have
  }
}

function onMessage(m: Message): void {
  switch (m.type) {
    case 'rotated':
      if (tokens && tokens.refresh === m.from) store(m.tokens);
      break;
    case 'logout':
      if (tokens && tokens.refresh === m.refresh) {
        endReason = 'logout';
        store(null);
      }
      break;
    case 'ask':
      if (tokens) post({ type: 'share', tokens });
      break;
    case 'share':
      if (asking && !tokens) store(m.tokens);
      break;
    case 'login':
      if (!tokens) {
        endReason = null;
        store(m.tokens);
      }
      break;
  }
}

/**
 * Called once at start-up in the browser: joins the other tabs and, in a new tab without a session,
 * borrows theirs (so a link opened in a new tab does not ask to sign in again).
 */
export async function initSession(waitMs = 200): Promise<void> {
  if (typeof BroadcastChannel === 'undefined' || channel) return;
  channel = new BroadcastChannel('zs-auth');
  channel.onmessage = (e: MessageEvent<Message>) => onMessage(e.data);
  schedule();
  if (tokens) return;
  asking = true;
  post({ type: 'ask' });
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      off();
      resolve();
    };
    const t = setTimeout(done, waitMs);
    const off = subscribe(done);
  });
  asking = false;
}

/** For tests: forget everything. */
export function resetSessionForTests(t: Tokens | null = null): void {
  inflight = null;
  endReason = null;
  store(t);
}
