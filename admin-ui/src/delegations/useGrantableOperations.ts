import { useGetList, usePermissions } from 'react-admin';
import type { Me } from '../auth/types';
import type { GrantableOperationItem } from './types';
import { FEW_UNITS } from './useGrantableUnits';

/**
 * The verksamheter the signed-in user may delegate for, as react-admin's resource (heads: the
 * ones they head; administrators: every verksamhet, searched with `q`).
 */
export const GRANTABLE_OPERATIONS = 'delegations/grantable-operations';

const BY_NAME = { field: 'name', order: 'ASC' } as const;

export type GrantableOperations =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'none' }
  /** All of them, few enough to choose from a select: a head's verksamheter. */
  | { state: 'few'; operations: GrantableOperationItem[] }
  /** Searched as the user types: an administrator's, or a head's many. */
  | { state: 'many' };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** "Område / Verksamhet", as the picker, the lists and the mails name a verksamhet. */
export const operationLabel = (operation: { name: string; areaName: string }): string =>
  `${operation.areaName} / ${operation.name}`;

/** Which verksamheter the signed-in user may delegate for, and how to choose among them. */
export function useGrantableOperations(): GrantableOperations {
  const { permissions: me, isPending: mePending } = usePermissions<Me>();
  const { data, total, error, isPending } = useGetList<GrantableOperationItem>(GRANTABLE_OPERATIONS, {
    pagination: { page: 1, perPage: FEW_UNITS },
    sort: BY_NAME,
  });
  if (error) return { state: 'failed', message: messageOf(error) };
  if (isPending || mePending) return { state: 'loading' };
  if (data.length === 0) return { state: 'none' };
  const all = total !== undefined && total <= data.length;
  return all && !me?.roles.administrator ? { state: 'few', operations: data } : { state: 'many' };
}
