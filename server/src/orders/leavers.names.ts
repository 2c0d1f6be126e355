/**
 * How an order the system placed for a leaver (vmu_order.placed_by_system, issue 15 point 4) is
 * shown: its orderer column names the head of unit, but every list names the system.
 */

/** The orderer every list shows for an order the system placed (vmu_order.placed_by_system). */
export const SYSTEM_ORDERER_NAME = 'Systemet (KIV)';

/** SQL: the orderer's name as lists show it, "Systemet (KIV)" for an order the system placed. */
export const ordererNameSql = (order: string, personName: string): string =>
  `CASE WHEN ${order}.placed_by_system THEN '${SYSTEM_ORDERER_NAME}' ELSE ${personName} END`;
