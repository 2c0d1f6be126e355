import { describe, expect, it } from '@jest/globals';
import {
  formatPersonnummer,
  luhnCheckDigit,
  luhnValid,
  maskPersonnummer,
  parsePersonnummer,
  PERSONNUMMER_MESSAGES,
  type PersonnummerError,
} from '../../server/src/common/personnummer.js';

/** Skatteverket's published test number. */
const TEST_NUMBER = '191212121212';
const TODAY = new Date('2026-11-23T12:00:00Z');

/** A Luhn-valid 12-digit number for YYYYMMDD and a three-digit serial. */
const valid = (date: string, serial = '123') => `${date}${serial}${luhnCheckDigit(date.slice(2) + serial)}`;

const parse = (input: string) => parsePersonnummer(input, TODAY);
const value = (input: string) => {
  const result = parse(input);
  if (!result.ok) throw new Error(`${input}: ${result.message}`);
  return result.value;
};
const error = (input: string): PersonnummerError | undefined => {
  const result = parse(input);
  return result.ok ? undefined : result.error;
};

describe('parsePersonnummer', () => {
  it.each([
    ['ÅÅÅÅMMDDNNNN', '191212121212'],
    ['ÅÅÅÅMMDD-NNNN', '19121212-1212'],
    ['ÅÅMMDD-NNNN', '121212-1212'],
    ['ÅÅMMDDNNNN', '1212121212'],
    ['with spaces', ' 19121212 - 1212 '],
  ])('accepts %s and normalises to 12 digits', (_form, input) => {
    // 121212 short form: 2012-12-12 is not in the future, so the 2000s.
    expect(value(input)).toBe(input.replace(/\D/g, '').length === 12 ? TEST_NUMBER : '201212121212');
  });

  it('reads ÅÅMMDD+NNNN as 100 years or older', () => {
    expect(value('121212+1212')).toBe(TEST_NUMBER);
    const old = valid('19261123');
    expect(value(`261123+${old.slice(8)}`)).toBe(old);
  });

  describe('century of the short forms', () => {
    it('takes the most recent century that does not put the birth in the future', () => {
      const today = valid('20261123');
      expect(value(`261123-${today.slice(8)}`)).toBe(today);
      const tomorrow = valid('19261124');
      expect(value(`261124-${tomorrow.slice(8)}`)).toBe(tomorrow);
      const y2000 = valid('20000101');
      expect(value(`000101-${y2000.slice(8)}`)).toBe(y2000);
      const y1999 = valid('19991231');
      expect(value(`991231-${y1999.slice(8)}`)).toBe(y1999);
    });

    it('goes one century further back with +', () => {
      const old = valid('18991231');
      expect(value(`991231+${old.slice(8)}`)).toBe(old);
      const hundred = valid('19000101');
      expect(value(`000101+${hundred.slice(8)}`)).toBe(hundred);
    });

    it('depends on the day it is asked', () => {
      const born = valid('19500601');
      const short = `500601-${born.slice(8)}`;
      expect(parsePersonnummer(short, new Date('2049-01-01T00:00:00Z'))).toMatchObject({ value: born });
      expect(parsePersonnummer(short, new Date('2051-01-01T00:00:00Z'))).toMatchObject({
        value: `2050${born.slice(4)}`,
      });
    });
  });

  it('accepts a samordningsnummer (day + 60) and says it is one', () => {
    const coordination = valid('19850372');
    expect(parse(coordination)).toEqual({ ok: true, value: coordination, coordinationNumber: true });
    expect(parse(TEST_NUMBER)).toEqual({ ok: true, value: TEST_NUMBER, coordinationNumber: false });
    expect(error(valid('19850392'))).toBe('DATE'); // day 32
  });

  it('knows leap years', () => {
    expect(error(valid('20000229'))).toBeUndefined();
    expect(error(valid('20240229'))).toBeUndefined();
    expect(error(valid('19000229'))).toBe('DATE');
    expect(error(valid('20250229'))).toBe('DATE');
  });

  it.each<[string, string, PersonnummerError]>([
    ['empty', '', 'EMPTY'],
    ['only spaces', '   ', 'EMPTY'],
    ['letters', '19121212-12AB', 'CHARACTERS'],
    ['another separator', '19121212/1212', 'CHARACTERS'],
    ['two separators', '1912-1212-1212', 'CHARACTERS'],
    ['+ in the long form', '19121212+1212', 'CHARACTERS'],
    ['eleven digits', '19121212121', 'LENGTH'],
    ['thirteen digits', '1912121212120', 'LENGTH'],
    ['a short serial', '19121212-121', 'LENGTH'],
    ['a short date', '21212-1212', 'LENGTH'],
    ['a seven-digit date', '1912121-1212', 'LENGTH'],
    ['month 13', valid('19901301'), 'DATE'],
    ['day 0', valid('19900100'), 'DATE'],
    ['31 April', valid('19900431'), 'DATE'],
    ['a year before 1850', valid('18000101'), 'DATE'],
    ['a wrong check digit', '191212121213', 'CHECK_DIGIT'],
    ['a wrong check digit, short form', '121212-1213', 'CHECK_DIGIT'],
  ])('refuses %s with its own message', (_what, input, expected) => {
    const result = parse(input);
    expect(result).toEqual({ ok: false, error: expected, message: PERSONNUMMER_MESSAGES[expected] });
  });

  it('has a distinct Swedish message for each error', () => {
    const messages = Object.values(PERSONNUMMER_MESSAGES);
    expect(new Set(messages).size).toBe(messages.length);
    for (const message of messages) expect(message).toMatch(/^[A-ZÅÄÖ].*\.$/);
  });
});

describe('Luhn, masking and formatting', () => {
  it('computes and checks the check digit over the last ten digits', () => {
    expect(luhnValid('1212121212')).toBe(true);
    expect(luhnValid('1212121213')).toBe(false);
    expect(luhnCheckDigit('121212121')).toBe(2);
  });

  it('masks all but the birth year, and formats with a dash', () => {
    expect(maskPersonnummer(TEST_NUMBER)).toBe('1912xxxx-xxxx');
    expect(maskPersonnummer(null)).toBeNull();
    expect(formatPersonnummer(TEST_NUMBER)).toBe('19121212-1212');
    expect(formatPersonnummer(null)).toBeNull();
  });
});
