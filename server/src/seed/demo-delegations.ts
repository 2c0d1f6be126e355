import { DELEGATIONS } from './demo-data.js';
import type { Row } from './demo-seed.js';
import { seedId } from './seed-ids.js';

/** When the demo delegations were granted: fixed, so that the rows are the same on every run. */
const GRANTED_AT = '2025-12-15T09:00:00.000Z';

/** The demo delegations and the CREATED event each would have had, with stable ids. */
export function buildDelegationRows(): { delegation: Row[]; delegation_event: Row[] } {
  const delegation: Row[] = [];
  const delegationEvent: Row[] = [];
  for (const d of DELEGATIONS) {
    const id = seedId(`delegation:${d.delegate}:${d.unit}`);
    delegation.push({
      id,
      delegate_id: seedId(`person:${d.delegate}`),
      care_unit_id: seedId(`unit:${d.unit}`),
      grantor_id: seedId(`person:${d.grantor}`),
      may_order: d.rights.includes('ORDER'),
      may_attest: d.rights.includes('ATTEST'),
      valid_from: d.validFrom,
      valid_to: null,
      created_at: GRANTED_AT,
      updated_at: GRANTED_AT,
    });
    delegationEvent.push({
      id: seedId(`delegation-event:${d.delegate}:${d.unit}:created`),
      delegation_id: id,
      actor_id: seedId(`person:${d.grantor}`),
      action: 'CREATED',
      before: null,
      after: JSON.stringify({ rights: d.rights, assignmentIds: [], validFrom: d.validFrom, validTo: null }),
      at: GRANTED_AT,
    });
  }
  return { delegation, delegation_event: delegationEvent };
}
