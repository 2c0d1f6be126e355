/** The digest in groups of eight, so that a person can compare it by eye. */
export const groupedDigest = (hex: string): string => hex.match(/.{1,8}/g)?.join(' ') ?? hex;

/** "CN=Sara Berg, …" → "Sara Berg". */
export const commonName = (dn: string): string => /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1] ?? dn;
