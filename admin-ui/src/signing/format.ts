const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** "2026-06-02 14:11", in Stockholm time like the rest of the portal. */
export const dateTime = (iso: string): string => stockholm.format(new Date(iso)).replace(',', '');

export const date = (iso: string): string => dateTime(iso).slice(0, 10);

/** The digest in groups of eight, so that a person can compare it by eye. */
export const groupedDigest = (hex: string): string => hex.match(/.{1,8}/g)?.join(' ') ?? hex;

/** "CN=Sara Berg, …" → "Sara Berg". */
export const commonName = (dn: string): string => /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1] ?? dn;
