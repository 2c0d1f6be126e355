import { type BeforeApplicationShutdown, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { ClientScopeName } from '../common/auth/policy.js';
import type { ApiClientIdentity } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import { notFound, ProblemException, ValidationProblem } from '../common/problem.js';
import { filterString } from '../common/list-query.js';
import {
  type FilterSql,
  findRow,
  idFilter,
  likeEscape,
  type ListSpec,
  listRows,
  type Page,
} from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import { API_CLIENT_STATUSES, type ApiClientItem, type CreatedApiClient } from './api-client.types.js';
import type { CreateApiClientDto } from './dto/create-api-client.dto.js';

/** How far ahead a client may be made to last: a secret is renewed at least this often. */
export const MAX_CLIENT_YEARS = 2;

const TOKEN = /^beh\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;
/** Compared with when the id names no client, so that an unknown id costs what a wrong secret does. */
const NO_HASH = Buffer.alloc(32);

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** What a bearer token turned out to be. */
export type ClientCheck =
  { ok: true; client: ApiClientIdentity } | { ok: false; reason: 'invalid' | 'revoked' | 'expired' };

/** One call of a client, as its audit event records it. */
export interface ClientCall {
  method: string;
  /** The route's pattern, e.g. `/api/orders/:id` (null when no route matched). */
  route: string | null;
  /** The path called, without its query (which may hold a personnummer). */
  path: string;
  status: number;
  ms: number;
  /** The client went away before the answer was whole. */
  aborted: boolean;
}

const statusSql = (today: string) =>
  `CASE WHEN c.revoked_at IS NOT NULL THEN 'REVOKED' WHEN c.expires_on < ${today}::date THEN 'EXPIRED' ELSE 'ACTIVE' END`;

const statusFilter: FilterSql = (filter, key, p, ctx) => {
  const value = filterString(filter, key);
  if (value === undefined || value === '') return undefined;
  if (!(API_CLIENT_STATUSES as readonly string[]).includes(value)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Filtret ${key} måste vara något av ${API_CLIENT_STATUSES.join(', ')}.`,
    );
  }
  return `${statusSql(p.add(ctx.today))} = ${p.add(value)}`;
};

const nameFilter: FilterSql = (filter, key, p) => {
  const q = filterString(filter, key);
  return q ? `c.name ILIKE ${p.add(`%${likeEscape(q.trim())}%`)}` : undefined;
};

/** The clients as administrators list them; a handful, so no index beyond the name's. */
const clientSpec = (today: string): ListSpec => {
  // Stockholm's date from Clock, never input; checked anyway since it is written into the SQL.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`Not a date: ${today}`);
  return {
    resource: 'api-clients',
    select: `c.id, c.name, c.scopes, to_char(c.expires_on, 'YYYY-MM-DD') AS "expiresOn",
           ${statusSql(`'${today}'`)} AS status, c.created_at AS "createdAt", c.revoked_at AS "revokedAt",
           c.last_used_at AS "lastUsedAt"`,
    from: 'api_client c',
    idColumn: 'c.id',
    filters: { id: idFilter('c.id'), q: nameFilter, status: statusFilter },
    sortable: {
      name: 'c.name COLLATE beh_sv',
      expiresOn: 'c.expires_on',
      createdAt: 'c.created_at',
      lastUsedAt: 'c.last_used_at',
    },
    nullsLast: ['lastUsedAt'],
    defaultSort: ['createdAt', 'DESC'],
    tieBreak: 'c.id',
  };
};

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const moved = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February → 28 February (Date would roll over into March).
  if (moved.getUTCMonth() !== m - 1) moved.setUTCDate(0);
  return moved.toISOString().slice(0, 10);
}

/**
 * API clients: other systems that call the API with a bearer token instead of a browser session
 * (docs/design.md, API clients). Owns `api_client`. The token is `beh.<id>.<secret>` with a 32-byte
 * random secret; only the secret's SHA-256 is stored (a fast hash is enough for a secret with 256
 * bits of entropy, which no dictionary guesses), compared in constant time. Creating and revoking
 * are audited with the administrator as actor, and so is every call a client makes.
 */
@Injectable()
export class ApiClientsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ApiClients');
  /** Call records still being written, awaited before the database closes. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(raw: RawListQuery): Promise<Page<ApiClientItem>> {
    const today = this.clock.today();
    return listRows<ApiClientItem>(this.db, clientSpec(today), raw, { today });
  }

  async get(id: string): Promise<ApiClientItem> {
    const today = this.clock.today();
    const row = await findRow<ApiClientItem>(this.db, clientSpec(today), id, { today });
    if (!row) throw notFound('API-klienten');
    return row;
  }

  /** Creates a client and answers its token: the only time anyone sees it. */
  async create(adminId: string, dto: CreateApiClientDto): Promise<CreatedApiClient> {
    const today = this.clock.today();
    const latest = addYears(today, MAX_CLIENT_YEARS);
    if (dto.expiresOn < today) {
      throw new ValidationProblem({ expiresOn: ['får inte ha passerat'] });
    }
    if (dto.expiresOn > latest) {
      throw new ValidationProblem({ expiresOn: [`får vara högst ${MAX_CLIENT_YEARS} år fram (${latest})`] });
    }
    const secret = randomBytes(32).toString('base64url');
    const scopes = [...dto.scopes].sort();
    const nameTaken = () =>
      new ValidationProblem({ name: ['används redan av en annan API-klient som inte är återkallad'] });
    const id = await this.db
      .transaction(async (m) => {
        const taken = await m.query<unknown[]>(
          `SELECT 1 FROM api_client WHERE lower(name) = lower($1) AND revoked_at IS NULL`,
          [dto.name],
        );
        if (taken.length > 0) throw nameTaken();
        const [row] = await m.query<{ id: string }[]>(
          `INSERT INTO api_client (name, scopes, secret_hash, expires_on, created_at, created_by)
         VALUES ($1, $2::text[], $3, $4, $5, $6) RETURNING id`,
          [dto.name, scopes, sha256(secret), dto.expiresOn, this.clock.now(), adminId],
        );
        await this.audit.append(m, {
          actorId: adminId,
          action: 'API_CLIENT_CREATED',
          entityType: 'api_client',
          entityId: row.id,
          after: { name: dto.name, scopes, expiresOn: dto.expiresOn },
        });
        return row.id;
      })
      .catch((error: unknown) => {
        // The same name created at the same moment: the unique index decides.
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') throw nameTaken();
        throw error;
      });
    return { ...(await this.get(id)), token: `beh.${id}.${secret}` };
  }

  /** Revokes a client for good: its next call is refused, in every process (nothing is cached). */
  async revoke(adminId: string, id: string): Promise<ApiClientItem> {
    if (!isUuid(id)) throw notFound('API-klienten');
    await this.db.transaction(async (m) => {
      const [row] = await m.query<{ name: string; revokedAt: Date | null }[]>(
        `SELECT name, revoked_at AS "revokedAt" FROM api_client WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw notFound('API-klienten');
      if (row.revokedAt !== null) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'api-client-revoked',
          'API-klienten är redan återkallad.',
        );
      }
      await m.query(`UPDATE api_client SET revoked_at = $2, revoked_by = $3 WHERE id = $1`, [
        id,
        this.clock.now(),
        adminId,
      ]);
      await this.audit.append(m, {
        actorId: adminId,
        action: 'API_CLIENT_REVOKED',
        entityType: 'api_client',
        entityId: id,
        before: { name: row.name, revokedAt: null },
        after: { name: row.name, revokedAt: this.clock.now() },
      });
    });
    return this.get(id);
  }

  /**
   * Checks a bearer token in one query by the client's id. The secret's hash is compared in
   * constant time, also when the id names no client, so timing tells nothing about the secret.
   * A revoked or expired client is told so only when its secret is right.
   */
  async authenticate(token: string): Promise<ClientCheck> {
    const match = TOKEN.exec(token);
    if (!match) return { ok: false, reason: 'invalid' };
    const [, id, secret] = match;
    const [row] = await this.db.query<
      { name: string; scopes: ClientScopeName[]; secretHash: Buffer; expiresOn: string; revoked: boolean }[]
    >(
      `SELECT name, scopes, secret_hash AS "secretHash", to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn",
              revoked_at IS NOT NULL AS revoked
         FROM api_client WHERE id = $1`,
      [id],
    );
    const same = timingSafeEqual(sha256(secret), row?.secretHash ?? NO_HASH);
    if (!row || !same) return { ok: false, reason: 'invalid' };
    if (row.revoked) return { ok: false, reason: 'revoked' };
    if (row.expiresOn < this.clock.today()) return { ok: false, reason: 'expired' };
    return { ok: true, client: { id, name: row.name, scopes: row.scopes } };
  }

  /**
   * Records one call of a client in the audit log, under its name, and when it was last used.
   * Runs after the answer (its status is part of the record), in a transaction of its own; a
   * failure is logged, never turned into another answer.
   */
  recordCall(client: ApiClientIdentity, call: ClientCall): void {
    const done = this.db
      .transaction(async (m) => {
        await m.query(`UPDATE api_client SET last_used_at = $2 WHERE id = $1`, [client.id, this.clock.now()]);
        await this.audit.append(m, {
          actorId: null,
          action: 'API_CLIENT_CALL',
          entityType: 'api_client',
          entityId: client.id,
          after: { client: client.name, ...call },
        });
      })
      .catch((error: unknown) => {
        this.logger.error(`Could not record a call of API client ${client.id}: ${String(error)}`);
      })
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
