import { Injectable } from '@nestjs/common';

/** Calendar dates are Europe/Stockholm dates; this is the one place that knows "now". */
@Injectable()
export class Clock {
  private fixed: Date | undefined;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Stockholm's today as YYYY-MM-DD. */
  today(): string {
    return stockholmDate(this.now());
  }

  /** For tests: freeze time at `at`, or release it with undefined. */
  set(at: Date | undefined): void {
    this.fixed = at;
  }
}

/** Made once: building an Intl.DateTimeFormat costs far more than formatting with it. */
const STOCKHOLM_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The last minute asked for and its day: Stockholm's date changes only on a whole minute (local
 * midnight, at whatever offset), and formatting costs ~10 µs, paid several times per request.
 */
let lastMinute = Number.NaN;
let lastDay = '';

export function stockholmDate(at: Date): string {
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDay = STOCKHOLM_DAY.format(at);
    lastMinute = minute;
  }
  return lastDay;
}
