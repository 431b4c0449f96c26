/** Only same-app paths are followed after login (no `//host` or absolute URLs). */
export function safeNext(next: string | null | undefined, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) {
    return fallback;
  }
  return next;
}
