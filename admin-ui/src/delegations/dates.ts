import type { CalendarDate } from '../types';

const STOCKHOLM = 'Europe/Stockholm';

/** Today in Stockholm as `YYYY-MM-DD` (the Swedish locale formats dates that way). */
export function stockholmToday(now: Date = new Date()): CalendarDate {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM }).format(now);
}

/** An instant as the seeds show it: `2026-06-02 14:11:50`, Stockholm time. */
export function formatTimestamp(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: STOCKHOLM,
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(new Date(iso));
}
