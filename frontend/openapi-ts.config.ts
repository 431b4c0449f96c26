// Generates the typed API client in src/api/ from openapi.json (`npm run gen:api`).
// ZS_OPENAPI_INPUT / ZS_API_OUTPUT let `npm run check:api` regenerate into a temp dir.
import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: process.env.ZS_OPENAPI_INPUT ?? 'openapi.json',
  output: { path: process.env.ZS_API_OUTPUT ?? 'src/api' },
  plugins: [
    { name: '@hey-api/client-fetch', throwOnError: true },
    '@hey-api/typescript',
    { name: '@hey-api/sdk' },
  ],
});
