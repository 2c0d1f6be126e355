import type { ProblemBody } from '../problem.js';
import { OWN_TITLES, PATTERNS, RULE_TEXTS, RULE_TEXTS_BY_SWEDISH, TEXTS, TITLES } from './en.js';
import type { Language } from './language.js';

export { type Language, languageOf } from './language.js';

const SWEDISH_TITLES: Record<string, number> = {
  'Felaktig begäran': 400,
  'Inte inloggad': 401,
  'Åtkomst nekad': 403,
  'Hittades inte': 404,
  'Metoden är inte tillåten': 405,
  Konflikt: 409,
  'För stor begäran': 413,
  'Formatet stöds inte': 415,
  Valideringsfel: 422,
  'För många anrop': 429,
  'Internt fel': 500,
  'Tjänsten är inte tillgänglig': 503,
  Fel: 0,
};

/**
 * The rule texts by their Swedish, for where a rule text stands without its code (a detail). The
 * modules that refuse with rule texts register them (registerRuleMessages, from their errors
 * file): common/ imports no module.
 */
const RULES_BY_SWEDISH: Record<string, string> = {};

/** A module's rule texts, code → Swedish: each code the catalogue knows is found by its Swedish too. */
export function registerRuleMessages(messages: Readonly<Record<string, string>>): void {
  for (const [code, swedish] of Object.entries(messages)) {
    if (RULE_TEXTS[code]) RULES_BY_SWEDISH[swedish] = RULE_TEXTS[code];
  }
}

/** One Swedish message in English; the Swedish text itself when the catalogue does not know it. */
export function english(text: string): string {
  const known = TEXTS[text] ?? RULES_BY_SWEDISH[text];
  if (known !== undefined) return known;
  for (const [pattern, render] of PATTERNS) {
    const match = text.match(pattern);
    if (match) {
      const translated = render(match, english);
      // A pattern whose inner sentence is unknown gives the Swedish back rather than a mix.
      if (translated !== text && !/[åäöÅÄÖ]/.test(translated.replace(/^[^:]*: /, ''))) return translated;
    }
  }
  return text;
}

/** A plain JSON object: not an array, a Buffer, a stream or a Date. */
const isRecord = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/** A rule's text in English: by its code, or by its Swedish text when the code is shared. */
function ruleText(rule: unknown, message: string): string {
  return (
    RULE_TEXTS_BY_SWEDISH[message] ??
    (typeof rule === 'string' ? RULE_TEXTS[rule] : undefined) ??
    english(message)
  );
}

/**
 * Translates, in place of a copy, the messages of a JSON value: every object's `message` (by its
 * `rule` when it has one: violations, refused persons, import lines, signature checks), `detail`
 * and field lists under `errors`. Depth-bounded; anything else is kept as is.
 */
function localizeValue(value: unknown, depth: number): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => localizeValue(item, depth + 1));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === 'message' && typeof member === 'string') out[key] = ruleText(value.rule, member);
    else if (key === 'detail' && typeof member === 'string') out[key] = english(member);
    else if (key === 'errors' && isRecord(member))
      out[key] = Object.fromEntries(
        Object.entries(member).map(([field, messages]) => [
          field,
          Array.isArray(messages)
            ? messages.map((m) => (typeof m === 'string' ? english(m) : m))
            : typeof messages === 'string'
              ? english(messages)
              : messages,
        ]),
      );
    else if (Array.isArray(member) || isRecord(member)) out[key] = localizeValue(member, depth + 1);
    else out[key] = member;
  }
  return out;
}

/** A problem in the request's language: title, detail, errors and rule texts (Swedish: as is). */
export function localizeProblem(problem: ProblemBody, language: Language): ProblemBody {
  if (language === 'sv') return problem;
  const localized = localizeValue(problem, 0) as ProblemBody;
  const status = SWEDISH_TITLES[problem.title];
  localized.title =
    OWN_TITLES[problem.title] ??
    (status !== undefined ? (TITLES[status] ?? TITLES[problem.status] ?? 'Error') : problem.title);
  return localized;
}

/**
 * An answer's body in the request's language: only the messages in it (rule texts of a mass
 * order's check, an import's refused lines, a signature check) — names and data are not touched.
 */
export function localizeBody(body: unknown, language: Language): unknown {
  if (language === 'sv' || !(Array.isArray(body) || isRecord(body))) return body;
  return localizeValue(body, 0);
}
