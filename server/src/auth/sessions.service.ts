import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { queryPrepared } from '../common/prepared.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { authOf, type SessionPerson, type SessionState } from '../common/auth/request-auth.js';
import type { Rights } from '../common/auth/rights.js';
import { rightsVersionSql } from '../delegations/delegations.reads.js';
import { RightsService } from '../delegations/rights.service.js';
import { leftJoinPerson, personActiveSql, personJsonSql } from '../directory/directory.reads.js';
import { RightsCache } from './rights-cache.js';
import type { SamlSubject } from './saml/saml.service.js';

export const SESSION_COOKIE = 'beh.sid';
export type AuthMethod = 'DEV' | 'SAML';

/**
 * last_seen_at is written at most this often: a request a second should not mean a write a second.
 * The price is that an idle session may end up to this much before SESSION_IDLE_MINUTES.
 */
const TOUCH_AFTER_MS = 60_000;

interface SessionRow {
  id: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** The directory's person, read at every request (null for an anonymous session). */
  person: SessionPerson | null;
  /** The person's rights version (rightsVersionSql), read with them. */
  rightsVersion: string;
  /** False when the person is inactive in the directory (gone from KIV): the session ends. */
  personActive: boolean | null;
}

type SubjectRow = { nameId: string | null; nameIdFormat: string | null; sessionIndex: string | null };

const token = () => randomBytes(32).toString('base64url');
const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

/** A session's cookie: 32 random bytes in base64url, the key to its row. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** An anonymous visitor's cookie: `anon.<32 random bytes>.<issued, Unix seconds in base 36>`; no row. */
const ANONYMOUS_TOKEN = /^anon\.([A-Za-z0-9_-]{43})\.([0-9a-z]{1,9})$/;

/** The name of the key (auth_secret) that signs anonymous visitors' CSRF tokens. */
const ANONYMOUS_CSRF_KEY = 'anonymous-csrf';

type SessionCookie =
  { kind: 'session'; token: string } | { kind: 'anonymous'; value: string; id: string; issuedAt: Date };

/** The request's session cookie; anything that cannot be ours is ignored and never looked up. */
function sessionCookie(req: Request): SessionCookie | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    const value = rest.join('=');
    if (SESSION_TOKEN.test(value)) return { kind: 'session', token: value };
    const anonymous = ANONYMOUS_TOKEN.exec(value);
    if (anonymous) {
      const issuedAt = new Date(parseInt(anonymous[2], 36) * 1000);
      return { kind: 'anonymous', value, id: anonymous[1], issuedAt };
    }
  }
  return undefined;
}

function cookieToken(req: Request): string | undefined {
  const cookie = sessionCookie(req);
  return cookie?.kind === 'session' ? cookie.token : undefined;
}

/**
 * Sessions in PostgreSQL. The browser holds a random token in an HttpOnly, SameSite=Strict cookie;
 * the table holds its hash, the CSRF token and the timestamps that end the session after
 * SESSION_IDLE_MINUTES without requests or SESSION_ABSOLUTE_HOURS after it began.
 *
 * Before sign-in nothing is written: an anonymous visitor's cookie (same name, same flags) holds a
 * random id and the moment it was issued, and its CSRF token is an HMAC of both under a key kept
 * in the database (auth_secret, made on first need), so every process can check it without a row.
 * The sign-in POST must carry that token (double submit: a page of another site can neither read
 * the HttpOnly cookie nor compute the token); it lasts SESSION_IDLE_MINUTES from its issue.
 * Ended sessions are deleted by the scheduler (sign-in-sweep.ts), or at their next request.
 *
 * A request costs one query: the session, its person and the person's rights version together;
 * the rights themselves come from this process's RightsCache while that version, the day and the
 * person's administrator flag are unchanged (docs/architecture.md, Rights and the per-session cache).
 */
@Injectable()
export class SessionsService {
  private readonly rightsCache: RightsCache;
  private anonymousKey: Promise<Buffer> | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    rights: RightsService,
  ) {
    this.rightsCache = new RightsCache((person, today) => rights.derive(person, today));
  }

  /** The request's live session, if any; an expired one is deleted and its cookie cleared. */
  async resolve(req: Request, res: Response): Promise<SessionState | undefined> {
    const cookie = sessionCookie(req);
    if (!cookie) return undefined;
    if (cookie.kind === 'anonymous') {
      const anonymous = await this.anonymous(cookie);
      // Past its time it is no session: the cookie is cleared (GET /api/auth/csrf gives a new one).
      if (anonymous.expiresAt > this.clock.now()) return anonymous;
      this.clearCookie(res);
      return undefined;
    }
    const raw = cookie.token;
    const rows = await queryPrepared<SessionRow[]>(
      this.db,
      `SELECT s.id, s.csrf_token AS "csrfToken", s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt",
              s.expires_at AS "expiresAt", ${personJsonSql('p')} AS person,
              ${rightsVersionSql('s.person_id')} AS "rightsVersion", ${personActiveSql('p')} AS "personActive"
         FROM user_session s ${leftJoinPerson('p', 's.person_id')}
        WHERE s.id = $1`,
      [hashOf(raw)],
    );
    const row = rows[0];
    if (!row) {
      // Ended elsewhere (sign-out in another process, a sweep, the person's removal).
      this.rightsCache.forget(hashOf(raw));
      this.clearCookie(res);
      return undefined;
    }
    const now = this.clock.now();
    // A person marked inactive by a directory sync (gone from KIV) is signed out at their next
    // request: the person is read with the session at every request, so this is exact.
    if (
      row.personActive === false ||
      row.expiresAt <= now ||
      row.lastSeenAt.getTime() + this.idleMs() <= now.getTime()
    ) {
      await this.db.query('DELETE FROM user_session WHERE id = $1', [row.id]);
      this.rightsCache.forget(row.id);
      this.clearCookie(res);
      return undefined;
    }
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
      await queryPrepared(this.db, 'UPDATE user_session SET last_seen_at = $2 WHERE id = $1', [row.id, now]);
      row.lastSeenAt = now;
    }
    return toState(row);
  }

  /**
   * The current session, or else a new anonymous one that carries a CSRF token for the sign-in
   * POST: a cookie and no row.
   */
  async ensure(req: Request, res: Response): Promise<SessionState> {
    const current = authOf(req).session;
    if (current) return current;
    const id = token();
    const issued = Math.floor(this.clock.now().getTime() / 1000);
    const value = `anon.${id}.${issued.toString(36)}`;
    const created = await this.anonymous({ kind: 'anonymous', value, id, issuedAt: new Date(issued * 1000) });
    this.setCookie(res, value);
    authOf(req).session = created;
    return created;
  }

  /**
   * Signs a person in: whatever session the browser had is ended and a new one, with a new id
   * and a new CSRF token, takes its place, so an id planted before sign-in is worth nothing.
   */
  async signIn(
    req: Request,
    res: Response,
    person: SessionPerson,
    method: AuthMethod,
    samlSubject?: SamlSubject,
  ): Promise<SessionState> {
    await this.forget(req);
    const session = await this.create(res, person, method, samlSubject);
    authOf(req).session = session;
    return session;
  }

  /**
   * Ends the session on the server and tells the browser to forget the cookie. Answers the SAML
   * subject it was signed in as, if any: the IdP is to be told (single logout).
   */
  async end(req: Request, res: Response): Promise<SamlSubject | undefined> {
    const subject = await this.forget(req);
    this.clearCookie(res);
    return subject;
  }

  /**
   * The IdP's single logout: ends every session signed in as `subject` (its NameID and, when the
   * IdP names one, that SessionIndex only). Answers how many ended.
   */
  async endSamlSessions(subject: SamlSubject): Promise<number> {
    // TypeORM answers a DELETE … RETURNING with [rows, rowCount].
    const [rows] = await this.db.query<[{ id: string }[], number]>(
      `DELETE FROM user_session
        WHERE saml_name_id = $1 AND ($2::text IS NULL OR saml_session_index = $2)
        RETURNING id`,
      [subject.nameId, subject.sessionIndex],
    );
    for (const { id } of rows) this.rightsCache.forget(id);
    return rows.length;
  }

  /**
   * The rights of the session's person, derived at most once per request and kept for the
   * session's next requests while nothing they derive from has changed (RightsCache).
   */
  rightsOf(session: SessionState & { person: SessionPerson }): Promise<Rights> {
    return this.rightsCache.rightsOf(session.id, session.person, session.rightsVersion, this.clock.today());
  }

  /** Constant-time comparison of a submitted CSRF token with the session's. */
  csrfMatches(session: SessionState | undefined, submitted: unknown): boolean {
    if (!session || typeof submitted !== 'string') return false;
    const expected = Buffer.from(session.csrfToken);
    const given = Buffer.from(submitted);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /**
   * An anonymous visitor's state from their cookie, with no row to read: its CSRF token is
   * computed, not stored, and it lasts SESSION_IDLE_MINUTES from its issue.
   */
  private async anonymous(cookie: Extract<SessionCookie, { kind: 'anonymous' }>): Promise<SessionState> {
    const expiresAt = new Date(cookie.issuedAt.getTime() + this.idleMs());
    const mac = createHmac('sha256', await this.anonymousCsrfKey())
      .update(`${ANONYMOUS_CSRF_KEY}\n${cookie.id}\n${cookie.issuedAt.getTime()}`)
      .digest('base64url');
    return {
      id: hashOf(cookie.value),
      csrfToken: mac,
      person: undefined,
      createdAt: cookie.issuedAt,
      lastSeenAt: cookie.issuedAt,
      expiresAt,
      rightsVersion: undefined,
    };
  }

  /** The key of anonymous CSRF tokens: one for every process, made by the first that needs it. */
  private anonymousCsrfKey(): Promise<Buffer> {
    this.anonymousKey ??= (async () => {
      await this.db.query(
        'INSERT INTO auth_secret (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
        [ANONYMOUS_CSRF_KEY, randomBytes(32)],
      );
      const [row] = await this.db.query<{ secret: Buffer }[]>(
        'SELECT secret FROM auth_secret WHERE name = $1',
        [ANONYMOUS_CSRF_KEY],
      );
      return row.secret;
    })().catch((error: unknown) => {
      this.anonymousKey = undefined; // tried again at the next request
      throw error;
    });
    return this.anonymousKey;
  }

  private async forget(req: Request): Promise<SamlSubject | undefined> {
    const raw = cookieToken(req);
    let subject: SamlSubject | undefined;
    if (raw) {
      const [rows] = await this.db.query<[SubjectRow[], number]>(
        `DELETE FROM user_session WHERE id = $1
          RETURNING saml_name_id AS "nameId", saml_name_id_format AS "nameIdFormat", saml_session_index AS "sessionIndex"`,
        [hashOf(raw)],
      );
      this.rightsCache.forget(hashOf(raw));
      const row = rows[0];
      if (row?.nameId)
        subject = { nameId: row.nameId, nameIdFormat: row.nameIdFormat, sessionIndex: row.sessionIndex };
    }
    authOf(req).session = undefined;
    authOf(req).rights = undefined;
    return subject;
  }

  private async create(
    res: Response,
    person: SessionPerson,
    method: AuthMethod,
    samlSubject: SamlSubject | undefined,
  ): Promise<SessionState> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionAbsoluteHours * 3_600_000);
    const raw = token();
    const state: SessionState = {
      id: hashOf(raw),
      csrfToken: token(),
      person,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      rightsVersion: undefined,
    };
    await this.db.query(
      `INSERT INTO user_session (id, person_id, csrf_token, auth_method, created_at, last_seen_at, expires_at,
                                 saml_name_id, saml_name_id_format, saml_session_index)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9)`,
      [
        state.id,
        person.id,
        state.csrfToken,
        method,
        now,
        expiresAt,
        samlSubject?.nameId ?? null,
        samlSubject?.nameIdFormat ?? null,
        samlSubject?.sessionIndex ?? null,
      ],
    );
    this.setCookie(res, raw);
    return state;
  }

  private setCookie(res: Response, value: string): void {
    res.cookie(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.nodeEnv === 'production',
      path: '/',
    });
  }

  private clearCookie(res: Response): void {
    res.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.nodeEnv === 'production',
      path: '/',
    });
  }

  private idleMs(): number {
    return this.config.auth.sessionIdleMinutes * 60_000;
  }
}

function toState(row: SessionRow): SessionState {
  return {
    id: row.id,
    csrfToken: row.csrfToken,
    person: row.person ?? undefined,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    expiresAt: row.expiresAt,
    rightsVersion: row.rightsVersion,
  };
}
