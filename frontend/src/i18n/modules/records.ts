// UI strings for record lists, forms and detail pages (leads, visits, events, projects, funds, enterprises). Chinese is the reference; English must have every key.
export const zh = {
} as const;

export const en: Record<keyof typeof zh, string> = {
};
