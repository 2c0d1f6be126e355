import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import type { HttpClient } from '../common/http';

/**
 * Why a person is read, sent as `X-BEH-Purpose` with every lookup and every opening of a person's
 * detail: the server records it in the lookup log (docs/domain.md, Lookup log) and refuses any
 * value but these.
 */
export type ReadPurpose =
  'wizard' | 'mass-order' | 'person-page' | 'person-edit' | 'delegation' | 'order' | 'attest';

export const PURPOSE_HEADER = 'X-BEH-Purpose';

/** `meta` for a getOne (`<Show queryOptions={{ meta: purposeMeta('person-page') }}>`). */
export const purposeMeta = (purpose: ReadPurpose) => ({ purpose });

/**
 * ra-data-simple-rest's getOne, with `meta.purpose` sent as X-BEH-Purpose (its own getOne sends
 * no headers of the caller's).
 */
export function getOneWithPurpose(apiUrl: string, client: HttpClient): DataProvider['getOne'] {
  return (resource, params) => {
    const purpose: unknown = params.meta?.purpose;
    const sending: HttpClient =
      typeof purpose === 'string'
        ? (url, options = {}) => {
            const headers = new Headers(options.headers);
            headers.set(PURPOSE_HEADER, purpose);
            return client(url, { ...options, headers });
          }
        : client;
    return simpleRestProvider(apiUrl, sending).getOne(resource, params);
  };
}
