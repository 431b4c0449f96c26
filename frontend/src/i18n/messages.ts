// UI strings, one module per area (so areas can grow independently). Chinese is the reference; English must
// have every key (each module's type enforces it). `{name}` placeholders are filled by t(key, { name }).
import * as coordination from './modules/coordination';
import * as core from './modules/core';
import * as enums from './modules/enums';
import * as imports from './modules/imports';
import * as notices from './modules/notices';
import * as office from './modules/office';
import * as progress from './modules/progress';
import * as records from './modules/records';
import * as webhooks from './modules/webhooks';

export const zh = { ...core.zh, ...enums.zh, ...records.zh, ...office.zh, ...progress.zh, ...webhooks.zh, ...notices.zh, ...imports.zh, ...coordination.zh } as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = { ...core.en, ...enums.en, ...records.en, ...office.en, ...progress.en, ...webhooks.en, ...notices.en, ...imports.en, ...coordination.en };
