import { TextField, type TextFieldProps } from '@mui/material';
import { useState } from 'react';
import { TextInput, type TextInputProps, useTranslate, type Validator } from 'react-admin';

/**
 * The portal's date field: a text field for `ÅÅÅÅ-MM-DD` (`YYYY-MM-DD` in English) in every
 * language. The native `<input type="date">` follows the browser's locale, not the portal's: an
 * English Chromium shows mm/dd/yyyy, and a Swedish user with an English browser would get that
 * too (issue 13, point 8). The value is the API's own `YYYY-MM-DD`, so nothing is converted.
 * `20260602` and `2026-6-2` are read as 2026-06-02.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a date of the calendar written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = ISO.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What the person typed, tidied: `20260602` and `2026-6-2` become `2026-06-02`; anything else as typed. */
export function normalizeDate(text: string): string {
  const trimmed = text.trim();
  const digits = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed);
  if (digits) return `${digits[1]}-${digits[2]}-${digits[3]}`;
  const short = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (short && (short[2].length < 2 || short[3].length < 2))
    return `${short[1]}-${short[2].padStart(2, '0')}-${short[3].padStart(2, '0')}`;
  return trimmed;
}

/** The i18n key of what is wrong with a typed date; undefined for an empty or a good one. */
export function dateProblem(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'beh.dateInput.invalid';
  return isIsoDate(text) ? undefined : 'beh.dateInput.notADate';
}

const dateValidator: Validator = (value: unknown) =>
  typeof value === 'string' ? dateProblem(value) : undefined;

const htmlInput = { inputMode: 'numeric', autoComplete: 'off', spellCheck: false, maxLength: 10 } as const;

/**
 * react-admin's `DateInput`, year first whatever the browser: the same props (`source`,
 * `validate`, `label`, `sx`…), one more rule (a date of the calendar). A filter form applies
 * nothing while the date is half typed, as react-admin's filter forms skip invalid values.
 */
export const IsoDateInput = ({ validate, slotProps, ...props }: TextInputProps) => {
  const translate = useTranslate();
  const rules = [dateValidator, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])];
  return (
    <TextInput
      {...props}
      validate={rules}
      parse={(value: string) => normalizeDate(value)}
      placeholder={translate('beh.dateInput.placeholder')}
      slotProps={{
        ...slotProps,
        inputLabel: { shrink: true, ...slotProps?.inputLabel },
        htmlInput: { ...htmlInput, ...slotProps?.htmlInput },
      }}
    />
  );
};

type FieldProps = Omit<TextFieldProps, 'value' | 'onChange' | 'type'> & {
  value: string;
  /** Every change, tidied (normalizeDate): a consumer that needs a whole date checks isIsoDate. */
  onChange: (value: string) => void;
};

/**
 * The same field outside a react-admin form (the order wizard's own state): controlled, with
 * its own message for a date that is not `ÅÅÅÅ-MM-DD` or not in the calendar; `error` and
 * `helperText` given by the caller (a date in the past) show when the date itself is good.
 */
export const IsoDateField = ({ value, onChange, error, helperText, slotProps, ...props }: FieldProps) => {
  const translate = useTranslate();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // A value set from outside (a restored draft, "Ångra") replaces what was typed; adjusted while
  // rendering, as React advises, not in an effect.
  if (value !== shown) {
    setShown(value);
    if (normalizeDate(text) !== value) setText(value);
  }
  // Judged once the person has typed ten characters or left the field, not at every key.
  const [left, setLeft] = useState(false);
  const problem = text.length >= 10 || left ? dateProblem(normalizeDate(text)) : undefined;
  return (
    <TextField
      {...props}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(normalizeDate(event.target.value));
      }}
      onBlur={() => setLeft(true)}
      onFocus={() => setLeft(false)}
      placeholder={translate('beh.dateInput.placeholder')}
      error={problem !== undefined || error}
      helperText={problem ? translate(problem) : helperText}
      slotProps={{
        ...slotProps,
        inputLabel: { shrink: true, ...(slotProps?.inputLabel as object) },
        htmlInput: { ...htmlInput, ...(slotProps?.htmlInput as object) },
      }}
    />
  );
};
