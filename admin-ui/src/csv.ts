import { downloadCSV, type Exporter, type RaRecord } from 'react-admin';
import { todayInStockholm } from './common/dates';
import { i18nProvider } from './i18n/i18nProvider';

type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  /** The record's field; its header is the translated `resources.<resource>.fields.<source>`. */
  source: keyof T & string;
  /** Turns the value into text, e.g. an enum into its label. */
  value?: (record: T) => CsvValue;
}

const translate = (key: string, options?: { smart_count: number }): string =>
  i18nProvider.translate(key, options);

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'boolean' ? translate(value ? 'ra.boolean.true' : 'ra.boolean.false') : String(value);
  // A leading = + @ would make a spreadsheet run the cell as a formula (CSV injection).
  const safe = /^[=+@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A label from an enum's i18n prefix, e.g. `enumLabel('purpose')` → "Vård och behandling". */
export const enumLabel =
  <T>(prefix: string, pick: (record: T) => string | null | undefined) =>
  (record: T): string => {
    const value = pick(record);
    return value ? translate(`beh.${prefix}.${value}`) : '';
  };

/**
 * CSV in the columns a person reads, with headers in the current language. Semicolon-separated with
 * a byte order mark, which is what Excel in a Swedish locale opens correctly.
 */
export function csvExporter<T extends RaRecord>(resource: string, columns: CsvColumn<T>[]): Exporter<T> {
  return (records) => {
    const header = columns.map((column) => cell(translate(`resources.${resource}.fields.${column.source}`)));
    const rows = records.map((record) =>
      columns.map((column) =>
        cell(column.value ? column.value(record) : (record[column.source] as CsvValue)),
      ),
    );
    const csv = [header, ...rows].map((row) => row.join(';')).join('\r\n');
    const name = translate(`resources.${resource}.name`, { smart_count: 2 }).toLowerCase();
    downloadCSV(`\uFEFF${csv}\r\n`, `${name}-${todayInStockholm()}`);
  };
}
