import { usePermissions } from 'react-admin';
import type { Me } from '../auth/types';
import { isChangeable } from './choices';
import type { Delegation, MeOperation } from './types';

/**
 * Whether to offer "Begränsa" and "Återkalla": the head of the delegation's unit or verksamhet, or
 * an administrator, while the delegation is active or yet to come. The server checks the same on
 * the PATCH.
 */
export function useCanManage(delegation: Delegation | undefined): boolean {
  const { permissions: me } = usePermissions<Me & { operations?: MeOperation[] }>();
  if (!delegation || !me || !isChangeable(delegation.status)) return false;
  if (me.roles.administrator) return true;
  if (delegation.accessOperationId) {
    return (me.operations ?? []).some(
      (op) => op.delegate && String(op.operationId) === String(delegation.accessOperationId),
    );
  }
  return me.units.some((unit) => unit.delegate && String(unit.careUnitId) === String(delegation.careUnitId));
}
