// UI strings for the office: verification queue, conflicts, quarters and reports, targets and rules, assessment. Chinese is the reference; English must have every key.
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
