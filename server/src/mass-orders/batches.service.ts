import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/request-auth.js';
import { filterString, parseListQuery, type RawListQuery } from '../common/list-query.js';
import { notFound, ProblemException } from '../common/problem.js';
import { type Page, SqlParams } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import type { BatchOrder, BatchSummary, BatchView } from './mass-order.types.js';

const SUMMARY = `b.id, b.created_at AS "createdAt", b.assignment_id AS "assignmentId", asg.name AS "assignmentName",
  b.care_unit_id AS "careUnitId", cu.name AS "careUnitName", b.orderer_id AS "ordererId",
  op.first_name || ' ' || op.last_name AS "ordererName", b.attestant_id AS "attestantId",
  ap.first_name || ' ' || ap.last_name AS "attestantName", b.start_date AS "startDate", b.urgent, b.comment,
  b.grant_count AS "grantCount", b.revoke_count AS "revokeCount",
  (SELECT count(*)::int FROM vmu_order o WHERE o.batch_id = b.id AND o.status = 'AWAITING_ATTEST')
    AS "awaitingCount"`;

const FROM = `mass_order_batch b
  JOIN assignment asg ON asg.id = b.assignment_id
  JOIN care_unit cu ON cu.id = b.care_unit_id
  JOIN person op ON op.id = b.orderer_id
  JOIN person ap ON ap.id = b.attestant_id`;

const SCOPES = ['mine', 'attest'] as const;
type BatchScope = (typeof SCOPES)[number];

/** The receipt of a mass order and the lists of one's batches. */
@Injectable()
export class BatchesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One batch with its orders, for its orderer, its attestants, administrators and whoever may
   * order or attest on its unit (the orders' "all" scope); anyone else learns nothing (404).
   */
  async batch(actor: Actor, batchId: string): Promise<BatchView> {
    if (!isUuid(batchId)) throw notFound('Massbeställningen');
    const [batch] = await this.db.query<BatchSummary[]>(`SELECT ${SUMMARY} FROM ${FROM} WHERE b.id = $1`, [
      batchId,
    ]);
    if (!batch) throw notFound('Massbeställningen');
    const orders = await this.db.query<(BatchOrder & { attestantId: string })[]>(
      `SELECT o.id, o.order_number AS "orderNumber", o.type, o.status, o.end_user_id AS "endUserId",
              eu.first_name || ' ' || eu.last_name AS "endUserName", eu.user_id AS "endUserUserId",
              o.attestant_id AS "attestantId"
         FROM vmu_order o JOIN person eu ON eu.id = o.end_user_id
        WHERE o.batch_id = $1 ORDER BY o.order_number`,
      [batchId],
    );
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
  async list(actor: Actor, raw: RawListQuery): Promise<Page<BatchSummary>> {
    const query = parseListQuery(raw, { createdAt: 'b.created_at' }, ['createdAt', 'DESC']);
    const scope = (filterString(query.filter, 'scope') ?? 'mine') as BatchScope;
    const unknown = Object.keys(query.filter).filter((key) => key !== 'scope');
    if (!SCOPES.includes(scope) || unknown.length > 0) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'bad-list-query',
        'Filtret för massbeställningar kan bara vara scope: mine eller attest.',
      );
    }
    const p = new SqlParams();
    const me = p.add(actor.person.id);
    const where =
      scope === 'mine'
        ? `b.orderer_id = ${me}`
        : `b.id IN (SELECT o.batch_id FROM vmu_order o WHERE o.attestant_id = ${me} AND o.batch_id IS NOT NULL)`;
    const rows = await this.db.query<(BatchSummary & { __total: number })[]>(
      `SELECT ${SUMMARY}, count(*) OVER ()::int AS "__total" FROM ${FROM} WHERE ${where}
        ORDER BY ${query.sortSql}, b.id LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}`,
      p.values,
    );
    return {
      offset: query.offset,
      total: rows[0]?.__total ?? 0,
      items: rows.map(({ __total: _total, ...batch }) => batch),
    };
  }
}
