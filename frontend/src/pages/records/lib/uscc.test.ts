import { describe, expect, it } from 'vitest';
import { checkUscc, isValidUscc, normalizeUscc, usccCheckChar } from './uscc';

describe('USCC check character (GB 32100-2015)', () => {
  it('accepts valid codes', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('913700007456765902')).toBe(true); // 潍柴动力, from the API guide
    expect(isValidUscc(' 91350100m000100y43 ')).toBe(true); // trimmed, upper-cased as the API does
  });

  it('computes the check character, with 31 → 0', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('91370000745676590')).toBe('2');
    // sum mod 31 = 0 gives 31 - 0 = 31 → "0": seventeen zeros
    expect(usccCheckChar('00000000000000000')).toBe('0');
    expect(usccCheckChar('0000000000000000I')).toBeNull();
  });

  it('says what is wrong', () => {
    expect(checkUscc('')).toEqual({ state: 'empty' });
    expect(checkUscc('9135')).toEqual({ state: 'incomplete', length: 4 });
    expect(checkUscc('91350100M000100Y44')).toEqual({ state: 'badCheck', expected: '3', actual: '4' });
    expect(checkUscc('91350100I000100Y43')).toEqual({ state: 'badChar', char: 'I', position: 9 });
    expect(checkUscc('91350100M000100Y431')).toEqual({ state: 'tooLong', length: 19 });
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) expect(checkUscc(`9${letter}`).state).toBe('badChar');
  });

  it('rejects every single-character change of a valid code', () => {
    const valid = '91350100M000100Y43';
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i += 1) {
      for (const c of charset) {
        if (c === valid[i]) continue;
        const changed = valid.slice(0, i) + c + valid.slice(i + 1);
        expect(isValidUscc(changed), changed).toBe(false);
      }
    }
  });

  it('normalises like the API', () => {
    expect(normalizeUscc(' ab12 ')).toBe('AB12');
  });
});
