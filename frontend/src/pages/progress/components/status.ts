import type { MessageKey } from '../../../i18n/messages';

/** The API's colour of a figure → our palette (strong for bars, light for cell backgrounds, text on light). */
export const PALETTE: Record<string, { strong: string; light: string; text: string }> = {
  green: { strong: '#389e0d', light: '#d9f7be', text: '#135200' },
  amber: { strong: '#d48806', light: '#fff1b8', text: '#613400' },
  red: { strong: '#cf1322', light: '#ffccc7', text: '#820014' },
  grey: { strong: '#8c8c8c', light: '#f0f0f0', text: '#434343' },
};

export const colourOf = (colour: string | null | undefined) => PALETTE[colour ?? 'grey'] ?? PALETTE.grey;

const STATUSES = ['ahead', 'on_track', 'behind', 'missed', 'no_target'] as const;

/** The status in words, so the colour is never the only signal. */
export function statusKey(status: string): MessageKey {
  return (STATUSES as readonly string[]).includes(status)
    ? (`progress.status.${status}` as MessageKey)
    : 'progress.status.no_target';
}
