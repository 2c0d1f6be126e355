/**
 * Levels of assurance (LoA) at sign-in. The IdP names the level a person authenticated at with an
 * AuthnContextClassRef URI ending in `loaN`: Sambi's `http://id.sambi.se/loa/loa3` (SITHS card),
 * the Swedish eID framework's `http://id.elegnamnden.se/loa/1.0/loa3`. BEH asks for the configured
 * level (SAML_LOA) as a minimum and admits a level of the same family at least as high; any other
 * URI only when it is exactly the configured one.
 */

/** SITHS on a card: what care staff sign in with, and BEH's default. */
export const DEFAULT_LOA = 'http://id.sambi.se/loa/loa3';

const LEVELED = /^(.*\/loa)([1-9])$/;

/** Whether an AuthnContextClassRef (or none) meets the required one. */
export function meetsLoa(required: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  if (given === required) return true;
  const want = LEVELED.exec(required);
  const got = LEVELED.exec(given);
  return want !== null && got !== null && want[1] === got[1] && Number(got[2]) >= Number(want[2]);
}

/** A level as a person reads it: "tillitsnivå 3", or the URI itself when it names no number. */
export function loaLabel(uri: string): string {
  const level = LEVELED.exec(uri);
  return level ? `tillitsnivå ${level[2]}` : uri;
}

/** A configured level must be a URI: an http(s) address or a URN, as IdPs name them. */
export function isLoaUri(value: string): boolean {
  return /^(https?:\/\/[^\s/]+\/\S*|urn:[a-z0-9][a-z0-9-]{0,31}:\S+)$/i.test(value);
}

/** The SAML attribute with the person's HSA-id (Sambi): who signed in, and who is to sign. */
export const HSA_ID_ATTRIBUTE = 'http://sambi.se/attributes/1/employeeHsaId';
