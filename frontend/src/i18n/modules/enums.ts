// Labels of the API's enum codes (statuses, regions, stages, roles…), shared by every area. Key: `<enum>.<code>`.
// One catalogue with the backend's exports: backend/app/core/labels.py, generated into src/generated/labels.ts.
export { en, zh } from '../../generated/labels';
