// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character set
// (no I, O, Z, S, V); the 18th is a check character over the first 17 with weights 3^(i) mod 31.

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccCheck =
  | { state: 'empty' }
  | { state: 'incomplete'; length: number }
  | { state: 'tooLong'; length: number }
  | { state: 'badChar'; char: string; position: number }
  | { state: 'badCheck'; expected: string; actual: string }
  | { state: 'ok' };

/** What the user typed, as the API stores it: trimmed, upper case. */
export function normalizeUscc(text: string): string {
  return text.trim().toUpperCase();
}

/** The check character for the first 17 characters, or null when one is outside the character set. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const v = USCC_CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check];
}

/** Checks a code as the user types: which problem there is, if any (first bad character first). */
export function checkUscc(text: string): UsccCheck {
  const code = normalizeUscc(text);
  if (!code) return { state: 'empty' };
  for (let i = 0; i < code.length; i += 1) {
    if (!USCC_CHARSET.includes(code[i])) return { state: 'badChar', char: code[i], position: i + 1 };
  }
  if (code.length < 18) return { state: 'incomplete', length: code.length };
  if (code.length > 18) return { state: 'tooLong', length: code.length };
  const expected = usccCheckChar(code.slice(0, 17))!;
  return expected === code[17] ? { state: 'ok' } : { state: 'badCheck', expected, actual: code[17] };
}

export const isValidUscc = (text: string) => checkUscc(text).state === 'ok';
