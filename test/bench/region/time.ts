/**
 * Days and instants of the region's history. A day is a whole number of days since 1970-01-01 (a
 * calendar date in Stockholm); an instant is milliseconds since the epoch (UTC), whole
 * milliseconds only, since that is what a JavaScript Date, and so the audit hash, keeps.
 */
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The region is built as it stands at this instant: Friday 2026-12-04 12:00 in Stockholm. */
export const REFERENCE_TIME = Date.parse('2026-12-04T11:00:00.000Z');
/** Stockholm's today at REFERENCE_TIME. */
export const REFERENCE_DAY = Math.floor(REFERENCE_TIME / DAY_MS);
/** The first day of the portal's history: orders before it do not exist. */
export const HISTORY_START_DAY = dayOf('2020-01-01');
/** When the directory (KIV) was first loaded into the portal, before its first order. */
export const IMPORT_TIME = Date.parse('2019-12-02T05:00:00.000Z');

export function dayOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00.000Z`) / DAY_MS);
}

const dateStrings = new Map<number, string>();

/** YYYY-MM-DD of a day. */
export function dateOf(day: number): string {
  let text = dateStrings.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateStrings.set(day, text);
  }
  return text;
}

/** The UTC instant of the last Sunday of `month` (0-based) in `year` at 01:00 UTC (EU summer time switch). */
function lastSundayAt1Utc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
}

/** Per year from 1970: [start of the year, start of summer time, end of summer time], UTC. */
const years: [number, number, number][] = [];
for (let year = 1970; year <= 2100; year++) {
  years.push([Date.UTC(year, 0, 1), lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)]);
}

/** Stockholm's offset from UTC at the instant, in milliseconds (CET +1 h, CEST +2 h). */
export function stockholmOffset(instant: number): number {
  // A year is 365.2425 days on average: the estimate is the year or the one after it.
  let n = Math.floor(instant / (365.2425 * DAY_MS));
  if (n + 1 < years.length && instant >= years[n + 1][0]) n++;
  else if (instant < years[n][0]) n--;
  const [, start, end] = years[n];
  return instant >= start && instant < end ? 2 * HOUR_MS : HOUR_MS;
}

/** Stockholm's calendar day at the instant. */
export function stockholmDay(instant: number): number {
  return Math.floor((instant + stockholmOffset(instant)) / DAY_MS);
}

/** The instant of a Stockholm wall-clock time (hours, may carry fractions) on a day. */
export function stockholmTime(day: number, hours: number): number {
  const guess = day * DAY_MS + hours * HOUR_MS;
  return Math.round(guess - stockholmOffset(guess - HOUR_MS));
}

/** Monday 0 … Sunday 6. */
export function weekday(day: number): number {
  return (day + 3) % 7;
}

/** The same day, or the next Monday when it falls on a weekend. */
export function workday(day: number): number {
  const w = weekday(day);
  return w === 5 ? day + 2 : w === 6 ? day + 1 : day;
}

/** The first scheduler tick of a day: just after midnight in Stockholm (ticks run every minute). */
export function firstTick(day: number, jitterMs: number): number {
  return stockholmTime(day, 0) + 5_000 + Math.floor(jitterMs);
}
