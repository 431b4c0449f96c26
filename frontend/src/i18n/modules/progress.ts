// UI strings for dashboards, rankings, trends, funnel and drill-down. Chinese is the reference; English must have every key.
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
