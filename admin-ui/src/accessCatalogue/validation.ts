import { maxLength, required, type Validator } from 'react-admin';

/**
 * The server's field rules for the catalogue (server/src/access-catalogue dto), checked before
 * sending so that most mistakes are told at once; the server checks again and its messages show
 * at the same fields.
 */
export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 4000;
export const URL_MAX = 500;

export const requiredName: Validator[] = [required(), maxLength(NAME_MAX)];
export const optionalDescription: Validator = maxLength(DESCRIPTION_MAX);

/** An http(s) address with a host, as the SCIM base URL must be. */
export const httpUrl: Validator = (value: unknown) => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) return undefined;
  } catch {
    // Not an address at all: the same message.
  }
  return 'beh.accessCatalogue.validation.httpUrl';
};

/** Text kept as typed: the API's descriptions are text that may be empty, never null. */
export const keepText = (value: string) => value;
