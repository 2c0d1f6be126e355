/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer,
 * day + 60). Accepted forms: ÅÅÅÅMMDDNNNN, ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN, ÅÅMMDD+NNNN (100 years
 * or older) and ÅÅMMDDNNNN. Each way of being wrong has its own Swedish message, because the
 * person typing it needs to know what to fix.
 */
export type PersonnummerError = 'EMPTY' | 'CHARACTERS' | 'LENGTH' | 'DATE' | 'CHECK_DIGIT';

export const PERSONNUMMER_MESSAGES: Record<PersonnummerError, string> = {
  EMPTY: 'Ange ett personnummer.',
  CHARACTERS:
    'Personnumret får bara innehålla siffror och ett bindestreck eller plustecken före de fyra sista siffrorna.',
  LENGTH:
    'Personnumret har fel längd. Ange det som ÅÅÅÅMMDDNNNN (12 siffror), ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.',
  DATE: 'Personnumret innehåller ett födelsedatum som inte finns.',
  CHECK_DIGIT: 'Personnumrets kontrollsiffra (sista siffran) stämmer inte. Kontrollera att du skrivit rätt.',
};

export type PersonnummerResult =
  | { ok: true; value: string; coordinationNumber: boolean }
  | { ok: false; error: PersonnummerError; message: string };

const fail = (error: PersonnummerError): PersonnummerResult => ({
  ok: false,
  error,
  message: PERSONNUMMER_MESSAGES[error],
});

/** Luhn over the ten digits YYMMDDNNNC; true when the last digit is right. */
export function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that makes the nine digits YYMMDDNNN Luhn-valid. */
export function luhnCheckDigit(nineDigits: string): number {
  for (let c = 0; c <= 9; c++) if (luhnValid(nineDigits + c)) return c;
  throw new Error('unreachable');
}

function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Parses and normalises to 12 digits; `today` decides the century of the short forms. */
export function parsePersonnummer(input: string, today: Date = new Date()): PersonnummerResult {
  const raw = input.trim().replace(/\s+/g, '');
  if (raw === '') return fail('EMPTY');
  if (!/^\d+([-+]\d+)?$/.test(raw)) return fail('CHARACTERS');

  const separator = raw.includes('+') ? '+' : raw.includes('-') ? '-' : '';
  const [datePart, serial = ''] = separator ? raw.split(separator) : [raw.slice(0, -4), raw.slice(-4)];
  if (serial.length !== 4 || (datePart.length !== 8 && datePart.length !== 6)) return fail('LENGTH');
  if (separator === '+' && datePart.length === 8) return fail('CHARACTERS');

  let full: string;
  if (datePart.length === 8) {
    full = datePart + serial;
  } else {
    // Short form: the most recent century that does not put the birth date in the future,
    // one century further back for '+' (100 years or older).
    const yy = Number(datePart.slice(0, 2));
    const thisYear = today.getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + yy;
    const mmdd = datePart.slice(2);
    const todayMmdd = today.toISOString().slice(5, 10).replace('-', '');
    if (year > thisYear || (year === thisYear && mmdd > todayMmdd)) year -= 100;
    if (separator === '+') year -= 100;
    full = String(year) + datePart.slice(2) + serial;
  }

  const year = Number(full.slice(0, 4));
  const month = Number(full.slice(4, 6));
  let day = Number(full.slice(6, 8));
  const coordinationNumber = day > 60;
  if (coordinationNumber) day -= 60;
  if (!realDate(year, month, day) || year < 1850) return fail('DATE');
  if (!luhnValid(full.slice(2))) return fail('CHECK_DIGIT');
  return { ok: true, value: full, coordinationNumber };
}

/** `19850312-1234` → `1985xxxx-xxxx`: only the birth year is shown in lists. */
export function maskPersonnummer(value: string | null): string | null {
  if (!value) return null;
  return `${value.slice(0, 4)}xxxx-xxxx`;
}

/**
 * A passport number as lists show it: its first two characters (letters or digits; anything else
 * as x) and an x for each of the rest, at least six, so the length tells little: `AB1234567` →
 * `ABxxxxxxx`. Null stays null.
 */
export function maskPassportNumber(value: string | null): string | null {
  if (!value) return null;
  const chars = Array.from(value);
  const shown = chars
    .slice(0, 2)
    .map((c) => (/^[A-Za-z0-9]$/.test(c) ? c.toUpperCase() : 'x'))
    .join('');
  return shown + 'x'.repeat(Math.max(6, chars.length - 2));
}

/** `198503121234` → `19850312-1234`. */
export function formatPersonnummer(value: string | null): string | null {
  if (!value) return null;
  return `${value.slice(0, 8)}-${value.slice(8)}`;
}
