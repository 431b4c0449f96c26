// Empties the screenshot folder once before a browser-test run, so it holds only this run's pictures.
import { rmSync } from 'node:fs';
import { artifacts } from './harness.mjs';

rmSync(artifacts, { recursive: true, force: true });
