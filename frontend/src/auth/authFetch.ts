// The fetch the API client uses: adds the bearer token, refreshes it shortly before expiry, and on a 401
// refreshes once (single-flight) and replays the request.
import { freshTokens, refresh } from './session';

const TOKEN_PATH = '/api/v1/auth/token';

function withBearer(request: Request, access: string | undefined): Request {
  if (!access) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${access}`);
  return new Request(request, { headers });
}

export async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request && !init ? input : new Request(input, init);
  if (new URL(request.url).pathname === TOKEN_PATH) return globalThis.fetch(request);
  const replay = request.clone();
  const t = await freshTokens();
  const response = await globalThis.fetch(withBearer(request, t?.access));
  if (response.status !== 401 || !t) return response;
  const next = await refresh(t.access).catch(() => null);
  if (!next) return response; // the session is over: the 401 goes to the caller, the app shows the login page
  return globalThis.fetch(withBearer(replay, next.access));
}
