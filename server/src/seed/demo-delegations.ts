import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEventInput } from '../audit/audit.service.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DELEGATIONS } from './demo-data.js';
import { accessOperationId } from './demo-access-catalogue.js';
import { type Row, seedId } from './seed-ids.js';

const OPERATION = 'operation:';

/** When the demo delegations were granted: fixed, so that the rows are the same on every run. */
const GRANTED_AT = '2025-12-15T09:00:00.000Z';

const delegationId = (d: (typeof DELEGATIONS)[number]) => seedId(`delegation:${d.delegate}:${d.unit}`);

/** The demo delegations, with stable ids. */
export function buildDelegationRows(): { delegation: Row[] } {
  return {
    delegation: DELEGATIONS.map((d) => ({
      id: delegationId(d),
      delegate_id: seedId(`person:${d.delegate}`),
      care_unit_id: d.unit.startsWith(OPERATION) ? null : seedId(`unit:${d.unit}`),
      access_operation_id: d.unit.startsWith(OPERATION)
        ? accessOperationId(d.unit.slice(OPERATION.length))
        : null,
      grantor_id: seedId(`person:${d.grantor}`),
      may_order: d.rights.includes('ORDER'),
      may_attest: d.rights.includes('ATTEST'),
      valid_from: d.validFrom,
      valid_to: null,
      created_at: GRANTED_AT,
      updated_at: GRANTED_AT,
    })),
  };
}

/**
 * The audit events of the delegations inserted now (`inserted` ids): the DELEGATION_CREATED each
 * would have had from its grantor, exactly as DelegationRecorder writes it, at the grant's fixed
 * time. The audit log is a delegation's one history, so the delegation view shows these.
 * Delegations already there have theirs, so a second run appends nothing.
 */
export async function seedDelegationEvents(
  dataSource: DataSource,
  manager: EntityManager,
  inserted: ReadonlySet<string>,
): Promise<number> {
  const events: AuditEventInput[] = DELEGATIONS.filter((d) => inserted.has(delegationId(d))).map((d) => ({
    actorId: seedId(`person:${d.grantor}`),
    action: 'DELEGATION_CREATED',
    entityType: 'delegation',
    entityId: delegationId(d),
    after: { rights: d.rights, assignmentIds: [], validFrom: d.validFrom, validTo: null },
  }));
  const clock = new Clock();
  clock.set(new Date(GRANTED_AT));
  await new AuditService(dataSource, clock).appendMany(manager, events);
  return events.length;
}
