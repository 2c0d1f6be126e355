/** The languages the API answers in; Swedish is the default. */
export type Language = 'sv' | 'en';

const SUPPORTED: readonly Language[] = ['sv', 'en'];

/**
 * The language of an `Accept-Language` header (RFC 9110 §12.5.4): the supported language with the
 * highest weight, Swedish when the header is missing, empty or names nothing we speak (`de`).
 * `en-GB` counts as `en`; `*` and `q=0` do not choose English.
 */
export function languageOf(header: string | string[] | undefined): Language {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return 'sv';
  let best: { language: Language; weight: number; order: number } | undefined;
  text.split(',').forEach((part, order) => {
    const [range, ...params] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    const language = SUPPORTED.find((supported) => supported === primary);
    if (!language) return;
    const q = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(weight) || weight <= 0) return;
    if (!best || weight > best.weight) best = { language, weight, order };
  });
  return best?.language ?? 'sv';
}
