import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { authOf, type SessionPerson, type SessionState } from '../common/auth/request-auth.js';
import type { Rights } from '../common/auth/rights.js';
import { rightsVersionSql } from '../delegations/delegations.reads.js';
import { RightsService } from '../delegations/rights.service.js';
import { leftJoinPerson, personJsonSql } from '../directory/directory.reads.js';
import { RightsCache } from './rights-cache.js';

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
}

const token = () => randomBytes(32).toString('base64url');
const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

function cookieToken(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    // 32 random bytes in base64url; anything else cannot be ours and is not looked up.
    if (name === SESSION_COOKIE && /^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  }
  return undefined;
}

/**
 * Sessions in PostgreSQL. The browser holds a random token in an HttpOnly, SameSite=Strict cookie;
 * the table holds its hash, the CSRF token and the timestamps that end the session after
 * SESSION_IDLE_MINUTES without requests or SESSION_ABSOLUTE_HOURS after it began.
 *
 * A request costs one query: the session, its person and the person's rights version together;
 * the rights themselves come from this process's RightsCache while that version, the day and the
 * person's administrator flag are unchanged (docs/architecture.md, Rights and the per-session cache).
 */
@Injectable()
export class SessionsService {
  private readonly rightsCache: RightsCache;

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
    const raw = cookieToken(req);
    if (!raw) return undefined;
    const rows = await this.db.query<SessionRow[]>(
      `SELECT s.id, s.csrf_token AS "csrfToken", s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt",
              s.expires_at AS "expiresAt", ${personJsonSql('p')} AS person,
              ${rightsVersionSql('s.person_id')} AS "rightsVersion"
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
    if (row.expiresAt <= now || row.lastSeenAt.getTime() + this.idleMs() <= now.getTime()) {
      await this.db.query('DELETE FROM user_session WHERE id = $1', [row.id]);
      this.rightsCache.forget(row.id);
      this.clearCookie(res);
      return undefined;
    }
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
      await this.db.query('UPDATE user_session SET last_seen_at = $2 WHERE id = $1', [row.id, now]);
      row.lastSeenAt = now;
    }
    return toState(row);
  }

  /** The current session, or a new anonymous one that carries a CSRF token for the sign-in POST. */
  async ensure(req: Request, res: Response): Promise<SessionState> {
    const current = authOf(req).session;
    if (current) return current;
    const created = await this.create(res, undefined, undefined);
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
  ): Promise<SessionState> {
    await this.forget(req);
    const session = await this.create(res, person, method);
    authOf(req).session = session;
    return session;
  }

  /** Ends the session on the server and tells the browser to forget the cookie. */
  async end(req: Request, res: Response): Promise<void> {
    await this.forget(req);
    this.clearCookie(res);
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

  private async forget(req: Request): Promise<void> {
    const raw = cookieToken(req);
    if (raw) {
      await this.db.query('DELETE FROM user_session WHERE id = $1', [hashOf(raw)]);
      this.rightsCache.forget(hashOf(raw));
    }
    authOf(req).session = undefined;
    authOf(req).rights = undefined;
  }

  private async create(
    res: Response,
    person: SessionPerson | undefined,
    method: AuthMethod | undefined,
  ): Promise<SessionState> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionAbsoluteHours * 3_600_000);
    // Sweep ended sessions now and then; sign-in is rare enough and the indexes make it cheap.
    await this.db.query('DELETE FROM user_session WHERE expires_at <= $1 OR last_seen_at <= $2', [
      now,
      new Date(now.getTime() - this.idleMs()),
    ]);
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
      `INSERT INTO user_session (id, person_id, csrf_token, auth_method, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $5, $6)`,
      [state.id, person?.id ?? null, state.csrfToken, method ?? null, now, expiresAt],
    );
    res.cookie(SESSION_COOKIE, raw, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.nodeEnv === 'production',
      path: '/',
    });
    return state;
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
