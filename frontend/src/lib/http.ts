// Configures the generated API client once: same-origin relative URLs, auth, problem+json errors.
import { client } from '../api/client.gen';
import { authFetch } from '../auth/authFetch';
import { toApiError } from './apiError';

let configured = false;

export function configureApi(baseUrl = ''): void {
  client.setConfig({ baseUrl, fetch: authFetch, throwOnError: true });
  if (!configured) {
    client.interceptors.error.use((error, response) => toApiError(error, response));
    configured = true;
  }
}
