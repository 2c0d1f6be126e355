import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { filterString, type RawListQuery } from '../common/list-query.js';
import { notFound, ProblemException } from '../common/problem.js';
import { findRow, type FilterSql, listRows, type ListSpec, type Page } from '../common/sql.js';
import {
  assignmentNameSql,
  careUnitNameSql,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  personNameSql,
} from '../directory/directory.reads.js';
import { batchAwaitingCountSql, batchesAttestedBySql, batchOrders } from '../orders/orders.reads.js';
import type { BatchSummary, BatchView } from './mass-order.types.js';

const SUMMARY = `b.id, b.created_at AS "createdAt", b.assignment_id AS "assignmentId",
  ${assignmentNameSql('asg')} AS "assignmentName", b.care_unit_id AS "careUnitId",
  ${careUnitNameSql('cu')} AS "careUnitName", b.orderer_id AS "ordererId", ${personNameSql('op')} AS "ordererName",
  b.attestant_id AS "attestantId", ${personNameSql('ap')} AS "attestantName", b.start_date AS "startDate",
  b.urgent, b.comment, b.grant_count AS "grantCount", b.revoke_count AS "revokeCount",
  ${batchAwaitingCountSql('b.id')} AS "awaitingCount"`;

const FROM = `mass_order_batch b
  ${joinAssignment('asg', 'b.assignment_id')}
  ${joinCareUnit('cu', 'b.care_unit_id')}
  ${joinPerson('op', 'b.orderer_id')}
  ${joinPerson('ap', 'b.attestant_id')}`;

const SCOPES = ['mine', 'attest'] as const;
type BatchScope = (typeof SCOPES)[number];

/** "mine" (the batches I sent, the default) or "attest" (those with an order naming me as attestant). */
const scopeFilter =
  (personId: string): FilterSql =>
  (filter, key, p) => {
    const scope = (filterString(filter, key) ?? 'mine') as BatchScope;
    if (!SCOPES.includes(scope)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'bad-list-query',
        'Filtret för massbeställningar kan bara vara scope: mine eller attest.',
      );
    }
    const me = p.add(personId);
    return scope === 'mine' ? `b.orderer_id = ${me}` : `b.id IN (${batchesAttestedBySql(me)})`;
  };

/** The batches of one reader, newest first; one batch by id (findRow) for its receipt. */
function batchList(personId: string): ListSpec {
  return {
    resource: 'batches',
    select: SUMMARY,
    from: FROM,
    idColumn: 'b.id',
    filters: { scope: scopeFilter(personId) },
    sortable: { createdAt: 'b.created_at' },
    defaultSort: ['createdAt', 'DESC'],
    tieBreak: 'b.id',
  };
}

/** The receipt of a mass order and the lists of one's batches. */
@Injectable()
export class BatchesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * One batch with its orders, for its orderer, its attestants, administrators and whoever may
   * order or attest on its unit (the orders' "all" scope); anyone else learns nothing (404).
   */
  async batch(actor: Actor, batchId: string): Promise<BatchView> {
    const batch = await findRow<BatchSummary>(this.db, batchList(actor.person.id), batchId, {
      today: this.clock.today(),
    });
    if (!batch) throw notFound('Massbeställningen');
    const orders = await batchOrders(this.db, batchId);
    const me = actor.person.id;
    const unitRights = actor.rights.units.some(
      (u) => u.careUnitId === batch.careUnitId && (u.head || u.order !== null || u.attest !== null),
    );
    const visible =
      actor.rights.administrator ||
      unitRights ||
      batch.ordererId === me ||
      batch.attestantId === me ||
      orders.some((o) => o.attestantId === me);
    if (!visible) throw notFound('Massbeställningen');
    return { ...batch, orders: orders.map(({ attestantId: _attestant, ...order }) => order) };
  }

  /** The batches I sent ("mine") or that have orders naming me as attestant ("attest"), newest first. */
  list(actor: Actor, raw: RawListQuery): Promise<Page<BatchSummary>> {
    return listRows<BatchSummary>(this.db, batchList(actor.person.id), raw, { today: this.clock.today() });
  }
}
