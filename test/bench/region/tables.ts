/**
 * The region's rows, table by table, streamed with COPY: the directory, delegations, mass-order
 * batches, orders and their lines, holdings and the scheduler's notices. Only rows the demo seed
 * does not have already (its providers, administrations, Solgläntan and the personas are reused).
 */
import { CATALOGUE } from '../../../server/src/seed/demo-data.js';
import { copyRows, type CopyValue, type Load } from './copy.js';
import { delegationExpiringAt, grantEndedAt, orderComment } from './events.js';
import {
  decidedAtColumn,
  feedbackOf,
  holdingId,
  iso,
  lineId,
  orderId,
  type Region,
  updatedAt,
} from './model.js';
import { L, LINE_STATUS, ORDER_STATUS, S } from './orders.js';
import { REJECT_COMMENTS } from './names.js';
import { dateOf } from './time.js';

const date = (day: number) => (day >= 0 ? dateOf(day) : null);

export type TableCounts = Record<string, number>;

export async function writeDirectory(client: Load, r: Region): Promise<TableCounts> {
  const { dir, createdAt } = r;
  const counts: TableCounts = {};
  counts.care_provider = await copyRows(
    client,
    'care_provider',
    ['id', 'hsa_id', 'name', 'kind', 'created_at', 'updated_at'],
    (function* () {
      for (const [n, p] of dir.providers.entries()) {
        if (!p.existing)
          yield [p.id, p.hsaId, p.name, p.kind, iso(createdAt.provider[n]), iso(createdAt.provider[n])];
      }
    })(),
  );
  counts.administration = await copyRows(
    client,
    'administration',
    ['id', 'code', 'name', 'care_provider_id', 'created_at', 'updated_at'],
    (function* () {
      for (const [n, a] of dir.administrations.entries()) {
        if (a.existing) continue;
        const at = iso(createdAt.administration[n]);
        yield [a.id, a.code, a.name, dir.providers[a.provider].id, at, at];
      }
    })(),
  );
  counts.person = await copyRows(
    client,
    'person',
    [
      'id',
      'hsa_id',
      'user_id',
      'personnummer',
      'passport_number',
      'first_name',
      'last_name',
      'title',
      'email',
      'protected_identity',
      'is_administrator',
      'created_at',
      'updated_at',
    ],
    (function* () {
      for (const p of dir.persons) {
        if (p.existing) continue;
        yield [
          p.id,
          p.hsaId,
          p.userId,
          p.personnummer,
          p.passportNumber,
          p.firstName,
          p.lastName,
          p.title,
          p.email,
          p.protectedIdentity,
          false,
          iso(p.createdAt),
          iso(p.updatedAt),
        ];
      }
    })(),
  );
  counts.care_unit = await copyRows(
    client,
    'care_unit',
    ['id', 'hsa_id', 'name', 'administration_id', 'head_of_unit_id', 'created_at', 'updated_at'],
    (function* () {
      for (const [n, u] of dir.units.entries()) {
        if (u.existing) continue;
        yield [
          u.id,
          u.hsaId,
          u.name,
          dir.administrations[u.administration].id,
          dir.persons[u.head].id,
          iso(createdAt.unit[n]),
          iso(createdAt.head[n]),
        ];
      }
    })(),
  );
  counts.assignment = await copyRows(
    client,
    'assignment',
    [
      'id',
      'hsa_id',
      'care_unit_id',
      'name',
      'purpose',
      'kind',
      'description',
      'private_provider_only',
      'created_at',
      'updated_at',
    ],
    (function* () {
      for (const [n, a] of dir.assignments.entries()) {
        if (a.existing) continue;
        const c = CATALOGUE[a.catalogue];
        const at = iso(createdAt.assignment[n]);
        yield [
          a.id,
          a.hsaId,
          dir.units[a.unit].id,
          c.name,
          c.purpose,
          c.kind,
          c.description,
          c.privateProviderOnly,
          at,
          at,
        ];
      }
    })(),
  );
  counts.engagement = await copyRows(
    client,
    'engagement',
    [
      'id',
      'person_id',
      'care_unit_id',
      'cost_centre',
      'title',
      'valid_from',
      'valid_to',
      'created_at',
      'updated_at',
    ],
    (function* () {
      for (const e of dir.engagements) {
        yield [
          e.id,
          dir.persons[e.person].id,
          dir.units[e.unit].id,
          e.costCentre,
          e.title,
          dateOf(e.validFrom),
          date(e.validTo),
          iso(e.createdAt),
          iso(e.endedAt || e.createdAt),
        ];
      }
    })(),
  );
  const delegations = dir.delegations.filter((d) => !d.existing);
  counts.delegation = await copyRows(
    client,
    'delegation',
    [
      'id',
      'delegate_id',
      'care_unit_id',
      'grantor_id',
      'may_order',
      'may_attest',
      'valid_from',
      'valid_to',
      'revoked_at',
      'revoked_by_id',
      'created_at',
      'updated_at',
    ],
    delegations.map((d): CopyValue[] => [
      d.id,
      dir.persons[d.delegate].id,
      dir.units[d.unit].id,
      dir.persons[d.grantor].id,
      d.mayOrder,
      d.mayAttest,
      dateOf(d.validFrom),
      date(d.validTo),
      d.revokedAt ? iso(d.revokedAt) : null,
      d.revokedAt ? dir.persons[d.grantor].id : null,
      iso(d.createdAt),
      iso(d.revokedAt || d.createdAt),
    ]),
  );
  counts.delegation_assignment = await copyRows(
    client,
    'delegation_assignment',
    ['delegation_id', 'assignment_id'],
    delegations.flatMap((d) => d.assignments.map((a) => [d.id, dir.assignments[a].id])),
  );
  return counts;
}

export async function writeOrders(
  client: Load,
  r: Region,
  progress: (what: string) => void,
): Promise<TableCounts> {
  const { dir, history } = r;
  const { orders, lines, batches } = history;
  const counts: TableCounts = {};
  counts.mass_order_batch = await copyRows(
    client,
    'mass_order_batch',
    [
      'id',
      'assignment_id',
      'care_unit_id',
      'orderer_id',
      'attestant_id',
      'start_date',
      'urgent',
      'comment',
      'grant_count',
      'revoke_count',
      'created_at',
    ],
    batches.map((b) => {
      const grants = b.orders.filter((o) => orders.type.data[o] === 0).length;
      return [
        b.id,
        dir.assignments[b.assignment].id,
        dir.units[b.unit].id,
        dir.persons[b.orderer].id,
        dir.persons[b.attestant].id,
        dateOf(b.startDay),
        b.urgent,
        orderComment(r, b.orders[0]),
        grants,
        b.orders.length - grants,
        iso(b.time),
      ];
    }),
  );
  counts.vmu_order = await copyRows(
    client,
    'vmu_order',
    [
      'id',
      'order_number',
      'type',
      'status',
      'end_user_id',
      'orderer_id',
      'attestant_id',
      'care_unit_id',
      'start_date',
      'end_date',
      'urgent',
      'comment',
      'reject_comment',
      'feedback',
      'batch_id',
      'created_at',
      'updated_at',
      'decided_at',
      'completed_at',
    ],
    (function* () {
      for (const o of r.placed) {
        const status = orders.status.data[o];
        const batch = orders.batch.data[o];
        const decided = decidedAtColumn(r, o);
        yield [
          orderId(o),
          r.orderNumber[o],
          orders.type.data[o] === 0 ? 'GRANT' : 'REVOKE',
          ORDER_STATUS[status],
          dir.persons[orders.endUser.data[o]].id,
          dir.persons[orders.orderer.data[o]].id,
          dir.persons[orders.attestant.data[o]].id,
          dir.units[orders.unit.data[o]].id,
          dateOf(orders.startDay.data[o]),
          date(orders.endDay.data[o]),
          orders.urgent.data[o] === 1,
          orderComment(r, o),
          status === S.REJECTED ? REJECT_COMMENTS[orders.rejectComment.data[o]] : null,
          status === S.COMPLETED ? feedbackOf(r, o) : null,
          batch >= 0 ? batches[batch].id : null,
          iso(orders.createdAt.data[o]),
          iso(updatedAt(r, o)),
          decided ? iso(decided) : null,
          status === S.COMPLETED ? iso(orders.completedAt.data[o]) : null,
        ];
      }
    })(),
  );
  progress(`vmu_order ${counts.vmu_order}`);
  counts.vmu_order_item = await copyRows(
    client,
    'vmu_order_item',
    ['id', 'order_id', 'end_user_id', 'assignment_id', 'type', 'status', 'created_at', 'updated_at'],
    (function* () {
      for (const o of r.placed) {
        const first = orders.lineStart.data[o];
        const created = orders.createdAt.data[o];
        for (let k = 0; k < orders.lineCount.data[o]; k++) {
          const line = first + k;
          const status = lines.status.data[line];
          // A line moves when its order is decided or cancelled (removed, rejected) or carried out.
          const moved =
            status === L.DONE
              ? orders.completedAt.data[o]
              : status === L.PENDING
                ? created
                : orders.decidedAt.data[o];
          yield [
            lineId(line),
            orderId(o),
            dir.persons[orders.endUser.data[o]].id,
            dir.assignments[lines.assignment.data[line]].id,
            orders.type.data[o] === 0 ? 'GRANT' : 'REVOKE',
            LINE_STATUS[status],
            iso(created),
            iso(moved),
          ];
        }
      }
    })(),
  );
  progress(`vmu_order_item ${counts.vmu_order_item}`);
  counts.held_assignment = await copyRows(
    client,
    'held_assignment',
    ['id', 'person_id', 'assignment_id', 'valid_from', 'valid_to', 'created_at', 'updated_at'],
    (function* () {
      for (const [n, h] of history.holdings.entries()) {
        if (h.removed) continue;
        yield [
          holdingId(n),
          dir.persons[h.person].id,
          dir.assignments[h.assignment].id,
          dateOf(h.validFrom),
          date(h.validTo),
          iso(h.createdAt),
          iso(h.updatedAt),
        ];
      }
    })(),
  );
  counts.scheduler_notice = await copyRows(
    client,
    'scheduler_notice',
    ['kind', 'subject_id', 'sent_at'],
    (function* () {
      for (let o = 0; o < orders.count; o++) {
        if (orders.reminderAt.data[o]) yield ['ATTEST_REMINDER', orderId(o), iso(orders.reminderAt.data[o])];
        if (orders.escalationAt.data[o])
          yield ['ATTEST_ESCALATION', orderId(o), iso(orders.escalationAt.data[o])];
        const ended = grantEndedAt(r, o);
        if (ended) yield ['GRANT_ENDED', orderId(o), iso(ended)];
      }
      for (const [n, d] of dir.delegations.entries()) {
        const at = delegationExpiringAt(r, n);
        if (at) yield ['DELEGATION_EXPIRING', d.id, iso(at)];
      }
    })(),
  );
  return counts;
}

/** How many orders are in each status. */
export function statusCounts(r: Region): Record<string, number> {
  const { orders } = r.history;
  const counts: Record<string, number> = {};
  for (let o = 0; o < orders.count; o++) {
    const status = ORDER_STATUS[orders.status.data[o]];
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}
