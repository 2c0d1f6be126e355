import { Inject, Injectable, Optional } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { activeSql } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DirectoryHoldings, type HoldingGrant, type HoldingKey, type HoldingRevoke } from './holdings.js';
import {
  dayAfterStart,
  endedByOrders,
  enqueueLdapWrites,
  type LdapWriteInput,
  unconfirmedOrders,
} from './ldap/write-back.js';

type Db = DataSource | EntityManager;

/**
 * Holdings kept by the portal itself, in `held_assignment`: one statement a call, however many rows.
 * With the directory in KIV (DIRECTORY_SOURCE=ldap) every change also enqueues its write back to
 * the commission's members (ldap/write-back.ts) in the same transaction: a grant adds the member
 * now and, when time-limited, removes it on its first day without; a revoke removes it.
 */
@Injectable()
export class PostgresHoldings extends DirectoryHoldings {
  constructor(
    private readonly clock: Clock,
    // Optional for tools that build it by hand (the idle-tick benchmark): embedded then.
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {
    super();
  }

  writesBack(): boolean {
    return this.config?.directory.source === 'ldap';
  }

  unconfirmed(db: Db, orderIds: readonly string[]): Promise<Set<string>> {
    return this.writesBack() ? unconfirmedOrders(db, orderIds) : Promise.resolve(new Set());
  }

  endedBy(db: Db, orderIds: readonly string[]): Promise<Map<string, Set<string>>> {
    return endedByOrders(db, orderIds);
  }

  async grant(m: EntityManager, grants: readonly HoldingGrant[]): Promise<void> {
    if (grants.length === 0) return;
    await this.insertHoldings(m, grants);
    if (!this.writesBack()) return;
    const now = this.clock.now();
    const limited = grants.filter((g) => g.validTo !== null);
    const ends = await dayAfterStart(
      m,
      limited.map((g) => g.validTo as string),
    );
    await enqueueLdapWrites(
      m,
      [
        ...grants.map((g): LdapWriteInput => ({
          orderId: g.orderId ?? null,
          reason: 'GRANT',
          operation: 'ADD',
          personId: g.personId,
          assignmentId: g.assignmentId,
          holdingEnded: null,
          dueAt: now,
        })),
        ...limited.map((g, i): LdapWriteInput => ({
          orderId: g.orderId ?? null,
          reason: 'GRANT_ENDED',
          operation: 'REMOVE',
          personId: g.personId,
          assignmentId: g.assignmentId,
          holdingEnded: null,
          dueAt: ends[i],
        })),
      ],
      now,
    );
  }

  private async insertHoldings(m: EntityManager, grants: readonly HoldingGrant[]): Promise<void> {
    await m.query(
      `INSERT INTO held_assignment (person_id, assignment_id, valid_from, valid_to, created_at, updated_at)
       SELECT g.person_id, g.assignment_id, g.valid_from, g.valid_to, $5, $5
         FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[])
              AS g(person_id, assignment_id, valid_from, valid_to)`,
      [
        grants.map((g) => g.personId),
        grants.map((g) => g.assignmentId),
        grants.map((g) => g.validFrom),
        grants.map((g) => g.validTo),
        this.clock.now(),
      ],
    );
  }

  async revoke(m: EntityManager, revokes: readonly HoldingRevoke[]): Promise<HoldingKey[]> {
    if (revokes.length === 0) return [];
    const ended = await this.endHoldings(m, revokes);
    if (!this.writesBack()) return ended;
    const key = (k: HoldingKey) => `${k.personId}/${k.assignmentId}`;
    const endedKeys = new Set(ended.map(key));
    const now = this.clock.now();
    // Removed from KIV whether or not BEH's own view had anything to end: KIV may have it anyway.
    await enqueueLdapWrites(
      m,
      revokes.map((r) => ({
        orderId: r.orderId ?? null,
        reason: 'REVOKE',
        operation: 'REMOVE',
        personId: r.personId,
        assignmentId: r.assignmentId,
        holdingEnded: endedKeys.has(key(r)),
        dueAt: now,
      })),
      now,
    );
    return ended;
  }

  private endHoldings(m: EntityManager, revokes: readonly HoldingRevoke[]): Promise<HoldingKey[]> {
    const running = `h.person_id = r.person_id AND h.assignment_id = r.assignment_id
                     AND (h.valid_to IS NULL OR h.valid_to >= r.ends_on)`;
    return m.query<HoldingKey[]>(
      `WITH r AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS r(person_id, assignment_id, ends_on)
       ), shortened AS (
         UPDATE held_assignment h SET valid_to = r.ends_on - 1, updated_at = $4
           FROM r WHERE ${running} AND h.valid_from < r.ends_on
         RETURNING h.person_id, h.assignment_id
       ), removed AS (
         DELETE FROM held_assignment h
          USING r WHERE ${running} AND h.valid_from >= r.ends_on
         RETURNING h.person_id, h.assignment_id
       )
       SELECT DISTINCT person_id::text AS "personId", assignment_id::text AS "assignmentId"
         FROM (SELECT * FROM shortened UNION ALL SELECT * FROM removed) AS ended`,
      [
        revokes.map((r) => r.personId),
        revokes.map((r) => r.assignmentId),
        revokes.map((r) => r.endsOn),
        this.clock.now(),
      ],
    );
  }

  async heldOn(db: Db, personId: string, day: string): Promise<Map<string, string>> {
    const rows = await db.query<{ assignmentId: string; validFrom: string }[]>(
      `SELECT h.assignment_id AS "assignmentId", min(h.valid_from) AS "validFrom"
         FROM held_assignment h WHERE h.person_id = $1 AND ${activeSql('h', '$2')}
        GROUP BY h.assignment_id`,
      [personId, day],
    );
    return new Map(rows.map((r) => [r.assignmentId, r.validFrom]));
  }

  async holdersAmong(
    db: Db,
    personIds: readonly string[],
    assignmentId: string,
    day: string,
  ): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const rows = await db.query<{ personId: string }[]>(
      `SELECT DISTINCT h.person_id AS "personId" FROM held_assignment h
        WHERE h.person_id = ANY($1::uuid[]) AND h.assignment_id = $2 AND ${activeSql('h', '$3')}`,
      [[...personIds], assignmentId, day],
    );
    return new Set(rows.map((r) => r.personId));
  }

  async holderCount(db: Db, assignmentId: string, day: string): Promise<number> {
    const [{ n }] = await db.query<{ n: number }[]>(
      `SELECT count(DISTINCT h.person_id)::int AS n FROM held_assignment h
        WHERE h.assignment_id = $1 AND ${activeSql('h', '$2')}`,
      [assignmentId, day],
    );
    return n;
  }
}
