const DAY_MS = 86_400_000;

const STOCKHOLM_WEEKDAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  weekday: 'short',
});

/** Monday to Friday in Stockholm. No Swedish public holidays: the portal has no calendar of them. */
export function isWorkingDay(at: Date): boolean {
  const day = STOCKHOLM_WEEKDAY.format(at);
  return day !== 'Sat' && day !== 'Sun';
}

/**
 * The moment `days` working days after `from`: steps of 24 hours, each counted when it ends on a
 * working day (Monday–Friday in Stockholm). A part made on Friday at 15:00 has waited three
 * working days on Wednesday at 15:00.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let at = from.getTime();
  for (let counted = 0; counted < days;) {
    at += DAY_MS;
    if (isWorkingDay(new Date(at))) counted++;
  }
  return new Date(at);
}
