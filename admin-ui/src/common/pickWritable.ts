import type { RaRecord } from 'react-admin';

/**
 * The API refuses unknown and read-only fields, while react-admin's forms carry the whole record
 * (ra-data-simple-rest PUTs it as is): keep only what the contract lists as writable.
 */
export const pickWritable =
  <T extends RaRecord>(fields: readonly (keyof T & string)[]) =>
  (data: Partial<T>): Partial<T> =>
    Object.fromEntries(
      fields.filter((field) => field in data).map((field) => [field, data[field]]),
    ) as Partial<T>;
