import { usePermissions } from 'react-admin';
import type { Me } from '../auth/types';
import { isChangeable } from './choices';
import type { Delegation } from './types';

/**
 * Whether to offer "Begränsa" and "Återkalla": the head of the delegation's unit or an administrator,
 * while the delegation is active or yet to come. The server checks the same on the PATCH.
 */
export function useCanManage(delegation: Delegation | undefined): boolean {
  const { permissions: me } = usePermissions<Me>();
  if (!delegation || !me || !isChangeable(delegation.status)) return false;
  return (
    me.roles.administrator ||
    me.units.some((unit) => unit.delegate && String(unit.careUnitId) === String(delegation.careUnitId))
  );
}
