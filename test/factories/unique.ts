/**
 * Unique values for factory-made rows. A random tag per test process and a counter within it,
 * so that rows never clash with each other, with the demo seed, or with another file's rows.
 */
import { randomBytes } from 'node:crypto';
import { luhnCheckDigit } from '../../server/src/common/personnummer.js';

const TAG = randomBytes(3).toString('hex').toUpperCase();
let counter = 0;

/** A fresh number for this process. */
export const nextNumber = (): number => ++counter;

/** A fresh short text (letters and digits only), e.g. "3F9A1C7". */
export const uniqueSuffix = (): string => `${TAG}${nextNumber()}`;

/** A fresh HSA-id of the given kind (P person, E unit or provider, F assignment). */
export const uniqueHsaId = (kind: 'P' | 'E' | 'F'): string => `SE9999999999-${kind}T${uniqueSuffix()}`;

/**
 * A fresh Luhn-valid personnummer (12 digits) with a birth date from 1930–1955: the tag and the
 * counter pick the date and the serial, so two factory persons never share one. The demo seed's
 * persons are born 1956 or later, so a factory person never takes a seeded one's number either
 * (with 1950–1999 a file's birth date sometimes was a seeded person's, a 409 in a random test).
 */
export function uniquePersonnummer(): string {
  const n = Number.parseInt(TAG, 16) * 1000 + nextNumber();
  const day = new Date(Date.UTC(1930, 0, 1) + (Math.floor(n / 1000) % 9_490) * 86_400_000);
  const date = day.toISOString().slice(0, 10).replace(/-/g, '');
  const serial = String(n % 1000).padStart(3, '0');
  return `${date}${serial}${luhnCheckDigit(date.slice(2) + serial)}`;
}
