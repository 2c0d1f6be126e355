import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { ProblemException } from '../common/problem.js';
import { isUuid } from '../common/uuid.js';
import {
  careUnitHeadSql,
  careUnitNameSql,
  joinCareUnit,
  joinPerson,
  leftJoinPerson,
  personNameSql,
} from '../directory/directory.reads.js';
import { DelegationRecorder } from './delegation-recorder.js';
import type { DelegationItem, DelegationSnapshot } from './delegation.types.js';
import type { GrantorChangedItem } from './delegations-grantor.types.js';
import { rightsOf } from './delegation.types.js';
import { delegationNotFound, notHeadOfUnit } from './delegations.errors.js';
import { findDelegation } from './delegations.queries.js';

const notListed = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'delegation-not-awaiting-confirmation',
    'Delegeringen väntar inte på bekräftelse: den som gav den är fortfarande verksamhetschef, eller så har den upphört.',
  );

const noHead = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'care-unit-without-head',
    'Vårdenheten har ingen verksamhetschef i katalogen som kan bekräfta delegeringen.',
  );

/** The delegations waiting for their unit's head, as a WHERE condition on `d` joined with `cu`. */
const AWAITING = `d.care_unit_id IS NOT NULL AND d.revoked_at IS NULL
  AND (d.valid_to IS NULL OR d.valid_to >= $1::date)
  AND ${careUnitHeadSql('cu')} IS NOT NULL AND ${careUnitHeadSql('cu')} <> d.grantor_id`;

const SELECT = `SELECT d.id, d.delegate_id AS "delegateId", ${personNameSql('dp')} AS "delegateName",
       d.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
       d.grantor_id AS "grantorId", ${personNameSql('gp')} AS "grantorName",
       ${careUnitHeadSql('cu')} AS "headId", ${personNameSql('hp')} AS "headName",
       d.may_order AS "mayOrder", d.may_attest AS "mayAttest",
       to_char(d.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(d.valid_to, 'YYYY-MM-DD') AS "validTo"
  FROM delegation d
  ${joinCareUnit('cu', 'd.care_unit_id')}
  ${joinPerson('dp', 'd.delegate_id')}
  ${joinPerson('gp', 'd.grantor_id')}
  ${leftJoinPerson('hp', careUnitHeadSql('cu'))}`;

type Row = Omit<GrantorChangedItem, 'rights'> & { mayOrder: boolean; mayAttest: boolean };

const toItem = ({ mayOrder, mayAttest, ...row }: Row): GrantorChangedItem => ({
  ...row,
  rights: rightsOf(mayOrder, mayAttest),
});

const snapshot = (d: DelegationItem): DelegationSnapshot => ({
  rights: d.rights,
  assignmentIds: d.assignmentIds,
  validFrom: d.validFrom,
  validTo: d.validTo,
});

/**
 * A change of head of unit (issue 15, point 4): a delegation for a care unit whose grantor is no
 * longer its head keeps working (the rights were given for the unit, and work would stop if
 * they ended with the head), but is listed for the unit's new head, who confirms it (and becomes
 * its grantor) or ends it. Only the unit's head and administrators see and decide these; an
 * administrator's confirmation makes the unit's head the grantor, as the head would.
 */
@Injectable()
export class DelegationsGrantorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly recorder: DelegationRecorder,
  ) {}

  /** The delegations waiting for confirmation at the units the actor heads (all for administrators). */
  async list(actor: Actor): Promise<GrantorChangedItem[]> {
    const all = actor.rights.administrator;
    const rows = await this.db.query<Row[]>(
      `${SELECT}
        WHERE ${AWAITING} ${all ? '' : 'AND d.care_unit_id = ANY($2::uuid[])'}
        ORDER BY ${careUnitNameSql('cu')} COLLATE beh_sv, ${personNameSql('dp')} COLLATE beh_sv, d.id`,
      all ? [this.clock.today()] : [this.clock.today(), actor.rights.headOf],
    );
    return rows.map(toItem);
  }

  /** The unit's head confirms the delegation: it stays, with the head as its grantor. */
  async confirm(actor: Actor, id: string): Promise<GrantorChangedItem> {
    return this.decide(actor, id, async (m, row) => {
      await m.query(`UPDATE delegation SET grantor_id = $2, updated_at = $3 WHERE id = $1`, [
        id,
        row.headId,
        this.clock.now(),
      ]);
      await this.audit.append(m, {
        actorId: actor.person.id,
        action: 'DELEGATION_CONFIRMED',
        entityType: 'delegation',
        entityId: id,
        before: { grantorId: row.grantorId },
        after: { grantorId: row.headId },
      });
      return { ...row, grantorId: row.headId, grantorName: row.headName };
    });
  }

  /** The unit's head ends the delegation: revoked now, as a revocation by hand is (the delegate is mailed). */
  async end(actor: Actor, id: string): Promise<GrantorChangedItem> {
    return this.decide(actor, id, async (m, row) => {
      const current = await findDelegation(m, id, this.clock.today());
      if (!current) throw delegationNotFound();
      const now = this.clock.now();
      await m.query(
        'UPDATE delegation SET revoked_at = $2, revoked_by_id = $3, updated_at = $2 WHERE id = $1',
        [id, now, actor.person.id],
      );
      await this.recorder.record(m, actor, 'REVOKED', current, snapshot(current), {
        ...snapshot(current),
        revokedAt: now.toISOString(),
      });
      return row;
    });
  }

  private async decide(
    actor: Actor,
    id: string,
    change: (m: EntityManager, row: GrantorChangedItem) => Promise<GrantorChangedItem>,
  ): Promise<GrantorChangedItem> {
    if (!isUuid(id)) throw delegationNotFound();
    return this.db.transaction(async (m) => {
      const locked = await m.query<{ careUnitId: string | null }[]>(
        'SELECT care_unit_id AS "careUnitId" FROM delegation WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (locked.length === 0) throw delegationNotFound();
      const { careUnitId } = locked[0];
      if (careUnitId === null || !actor.rights.mayDelegateFor(careUnitId)) throw notHeadOfUnit();
      const [row] = await m.query<Row[]>(`${SELECT} WHERE d.id = $2 AND ${AWAITING}`, [
        this.clock.today(),
        id,
      ]);
      if (!row) {
        const [unit] = await m.query<{ headId: string | null }[]>(
          `SELECT ${careUnitHeadSql('cu')} AS "headId" FROM delegation d ${joinCareUnit('cu', 'd.care_unit_id')}
            WHERE d.id = $1`,
          [id],
        );
        throw unit?.headId === null ? noHead() : notListed();
      }
      return change(m, toItem(row));
    });
  }
}
