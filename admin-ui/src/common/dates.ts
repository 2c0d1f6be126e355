import type { Validator } from 'react-admin';

/**
 * The portal's dates are Stockholm dates and times, whatever the browser's own time zone. The
 * Swedish locale writes them as `2026-06-02 14:11:50`, the same order as the API's `YYYY-MM-DD`.
 */
const STOCKHOLM_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** An instant to the second, Stockholm time: `2026-06-02 14:11:50`. */
export const formatTimestamp = (instant: string | Date): string => STOCKHOLM_TIME.format(new Date(instant));

/** An instant to the minute, Stockholm time: `2026-06-02 14:11`. */
export const formatMinute = (instant: string | Date): string => formatTimestamp(instant).slice(0, 16);

/** The Stockholm calendar date of an instant, `YYYY-MM-DD`. */
export const formatDate = (instant: string | Date): string => formatTimestamp(instant).slice(0, 10);

/** Today's calendar date in Stockholm, `YYYY-MM-DD`. */
export const todayInStockholm = (now: Date = new Date()): string => formatDate(now);

/**
 * A react-admin validator: an end date (`validTo`), when given, must not come before the form's
 * `validFrom`; `message` is the i18n key to show. `YYYY-MM-DD` sorts as text.
 */
export const validToNotBeforeValidFrom =
  (message: string): Validator =>
  (value: unknown, values: Record<string, unknown>) =>
    typeof value === 'string' &&
    value !== '' &&
    typeof values.validFrom === 'string' &&
    value < values.validFrom
      ? message
      : undefined;

/** The directory's end-date rule (engagements and holdings). */
export const notBeforeValidFrom = validToNotBeforeValidFrom('beh.persons.validToBeforeFrom');
