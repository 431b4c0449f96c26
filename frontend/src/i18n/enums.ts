// Typed access to enum labels: enumLabel(t, 'status', 'verified') → 已核实. Unknown codes show as-is.
import type { MessageKey } from './messages';

export type EnumName =
  | 'status' | 'region' | 'stage' | 'fourNew' | 'advancedClass' | 'enterpriseClass' | 'eventKind'
  | 'leadSource' | 'leadState' | 'leaderLevel' | 'period' | 'appliesTo' | 'unitType' | 'importStatus' | 'importKind'
  | 'coordinationCategory' | 'coordinationStatus' | 'coordinationProgress';

export function enumLabel(t: (k: MessageKey) => string, name: EnumName, code: string | null | undefined): string {
  if (code == null || code === '') return '';
  const key = `${name}.${code}` as MessageKey;
  const text = t(key);
  return text === key ? code : text;
}

/** antd Select options for every code of an enum, labelled in the current language. */
export function enumOptions(t: (k: MessageKey) => string, name: EnumName, codes: readonly string[]) {
  return codes.map((code) => ({ value: code, label: enumLabel(t, name, code) }));
}
