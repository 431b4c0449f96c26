import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes Excel-friendly UTF-8 with BOM, CRLF and quoting', () => {
    const csv = toCsv(['名称', '备注'], [['东昌府区', 'a,"b"'], ['x', null]]);
    expect(csv).toBe('\uFEFF名称,备注\r\n东昌府区,"a,""b"""\r\nx,\r\n');
  });

  it('defuses cells that a spreadsheet would run as formulas', () => {
    expect(toCsv(['v'], [['=1+1'], [-5]])).toBe("\uFEFFv\r\n'=1+1\r\n-5\r\n");
  });
});
