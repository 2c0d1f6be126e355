import { describe, expect, it } from '@jest/globals';
import { luhnCheckDigit, PERSONNUMMER_MESSAGES } from '../../server/src/common/personnummer.js';
import {
  MAX_IMPORT_VALUES,
  NEITHER_MESSAGE,
  parseImport,
  USER_ID_MESSAGE,
} from '../../server/src/mass-orders/import-parser.js';

const TODAY = new Date('2026-11-23T12:00:00Z');
/** Skatteverket's published test number, and a samordningsnummer (day + 60) made from it. */
const TEST_NUMBER = '191212121212';
const COORDINATION = `19121272121${luhnCheckDigit('121272121')}`;

const keys = (text: string) =>
  parseImport(text, TODAY).values.map((v) => [
    v.line,
    v.key.kind === 'userId' ? v.key.userId : v.key.personnummer,
  ]);

describe('mass order import (pasted lines or CSV)', () => {
  it('reads one value a line, or several separated by ; , tab or blanks, quotes dropped', () => {
    expect(keys('nilbo4\r\n"LINMA5";19121212-1212\n\n  kribe32 , petny8\t121212-1212')).toEqual([
      [1, 'nilbo4'],
      [2, 'linma5'],
      [2, TEST_NUMBER],
      [4, 'kribe32'],
      [4, 'petny8'],
      // Short forms take the latest century that is not in the future.
      [4, `20${TEST_NUMBER.slice(2)}`],
    ]);
  });

  it('skips a first line of column titles, but only a first line', () => {
    expect(keys('VGR-ID;Personnummer\nnilbo4')).toEqual([[2, 'nilbo4']]);
    expect(parseImport('nilbo4\npersonnummer', TODAY).values.map((v) => v.value)).toEqual([
      'nilbo4',
      'personnummer',
    ]);
  });

  it('accepts every form of personnummer, samordningsnummer and the + of the hundred-year-olds', () => {
    expect(keys(`${TEST_NUMBER}\n1212121212\n${COORDINATION}\n121212+1212`)).toEqual([
      [1, TEST_NUMBER],
      [2, `20${TEST_NUMBER.slice(2)}`],
      [3, COORDINATION],
      [4, TEST_NUMBER],
    ]);
  });

  it('tells what is wrong with each bad value, with its line', () => {
    const parsed = parseImport('19121212-1213\n1912121\n19121232-1212\na\n#?!\nkalle_1', TODAY);
    expect(parsed.values).toEqual([]);
    expect(parsed.invalid).toEqual([
      { line: 1, value: '19121212-1213', message: PERSONNUMMER_MESSAGES.CHECK_DIGIT },
      { line: 2, value: '1912121', message: PERSONNUMMER_MESSAGES.LENGTH },
      { line: 3, value: '19121232-1212', message: PERSONNUMMER_MESSAGES.DATE },
      { line: 4, value: 'a', message: USER_ID_MESSAGE },
      { line: 5, value: '#?!', message: NEITHER_MESSAGE },
      { line: 6, value: 'kalle_1', message: USER_ID_MESSAGE },
    ]);
  });

  it('stops at the most values one import may hold', () => {
    const parsed = parseImport(
      Array.from({ length: MAX_IMPORT_VALUES + 1 }, (_, i) => `u${i}x`).join('\n'),
      TODAY,
    );
    expect(parsed.tooMany).toBe(true);
  });
});
