import { HttpStatus } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import { ProblemException, ValidationProblem } from './problem.js';

/**
 * The deepest nesting of objects and arrays a request body or a JSON list parameter may have. The
 * API's deepest body (a mass order's lines, a delegation's assignments) is three levels; 32 is
 * body-parser's own limit for forms. Checked before anything else walks the value: class-transformer
 * recurses once per level and overflowed the stack at a couple of thousand.
 */
export const MAX_JSON_DEPTH = 32;

/** A lone (unpaired) UTF-16 surrogate: no character, and PostgreSQL refuses it in jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be taken, in Swedish, or undefined when it can. */
export function textFault(text: string): string | undefined {
  // PostgreSQL's text cannot hold NUL ("invalid byte sequence for encoding UTF8: 0x00").
  if (text.includes('\u0000')) return 'innehåller ett NUL-tecken (\\u0000), som inte är tillåtet';
  if (LONE_SURROGATE.test(text)) return 'innehåller ett ofullständigt tecken (ett ensamt UTF-16-surrogat)';
  return undefined;
}

export const tooDeep = (where: string) =>
  new ProblemException(
    HttpStatus.BAD_REQUEST,
    'too-deep',
    `${where} är nästlad i för många nivåer (högst ${MAX_JSON_DEPTH}).`,
  );

const member = (path: string, key: string) =>
  /^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * Checks every text (values and member names) of a parsed value, to at most MAX_JSON_DEPTH
 * levels: a text with NUL or a lone surrogate is refused with a Swedish 400 naming its field
 * (`items[0].comment`, `filter.q`), deeper nesting with a 400 of its own. `path` names the value
 * itself ('' for a request body, whose members are its fields).
 */
export function checkInput(value: unknown, path: string, where: string): void {
  const walk = (v: unknown, at: string, depth: number): void => {
    if (typeof v === 'string') {
      const fault = textFault(v);
      if (fault) throw textProblem(at || where, fault);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (depth >= MAX_JSON_DEPTH) throw tooDeep(where);
    for (const key of Object.keys(v)) {
      const fault = textFault(key);
      // A member's name is shown escaped: it may be the very text that cannot be shown.
      if (fault) throw textProblem(member(at, JSON.stringify(key).slice(1, -1)), `har ett namn som ${fault}`);
      walk((v as Record<string, unknown>)[key], member(at, key), depth + 1);
    }
  };
  walk(value, path, 0);
}

function textProblem(field: string, fault: string): ValidationProblem {
  return new ValidationProblem({ [field]: [fault] }, `Fältet ${field} ${fault}.`);
}

/**
 * Express middleware, after the body parsers: the parsed body, the query string and the path of
 * every request (API, signing window, UI alike) are checked by checkInput before any route,
 * pipe or guard sees them, so that no route can pass such text on to PostgreSQL or an audit
 * event. What it refuses goes to the problem filter like any other error.
 */
export function inputGuard(req: Request, _res: Response, next: NextFunction): void {
  try {
    checkPath(req.path);
    checkInput(req.query, '', 'Frågesträngen');
    if (req.body !== undefined) checkInput(req.body, '', 'Begärans kropp');
    next();
  } catch (error) {
    next(error);
  }
}

function checkPath(path: string): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'bad-path', 'Sökvägen är inte giltigt kodad (UTF-8).');
  }
  const fault = textFault(decoded);
  if (fault) throw new ProblemException(HttpStatus.BAD_REQUEST, 'bad-path', `Sökvägen ${fault}.`);
}

/** The routes whose JSON may be larger than the default 100 kB: a reviewer's decisions. */
const LARGE_JSON_ROUTE = /^\/api\/review-campaigns\/[^/]+\/decisions$/;

/**
 * Installs the body parsers (JSON and forms, as Nest would, with its default limits: a larger body
 * is body-parser's 413) and the input guard right after them, in front of every route.
 */
export function guardInput(app: NestExpressApplication): void {
  // A reviewer saves up to thousands of decisions in one request (issue 17: 2,000 lines are some
  // 170 kB, over the default 100 kB): that route alone takes JSON up to 4 MB.
  const large = json({ limit: '4mb' });
  app.use((req: Request, res: Response, next: NextFunction) =>
    req.method === 'PUT' && LARGE_JSON_ROUTE.test(req.path) ? large(req, res, next) : next(),
  );
  app.useBodyParser('json');
  app.useBodyParser('urlencoded', { extended: true });
  app.use(inputGuard);
}
