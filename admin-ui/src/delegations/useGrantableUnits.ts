import { useGetList, useGetOne, usePermissions } from 'react-admin';
import type { Me } from '../auth/types';
import type { GrantableUnit, GrantableUnitItem } from './types';

/**
 * The units the signed-in user may delegate for, as react-admin's resource: a list (heads: their
 * units; administrators: every unit of the region, searched with `q`) and one unit with its
 * catalogue (getOne).
 */
export const GRANTABLE_UNITS = 'delegations/grantable-units';

/** As many units as a plain select shows well; a head with more searches them on the server. */
export const FEW_UNITS = 25;

const BY_NAME = { field: 'name', order: 'ASC' } as const;

export type GrantableUnits =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'none' }
  /** All of them, few enough to choose from a select: a head's units. */
  | { state: 'few'; units: GrantableUnitItem[] }
  /** Searched as the user types: an administrator's (the region's some 1,500) or a head's many. */
  | { state: 'many' };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Which units the signed-in user may delegate for, and how to choose among them: a head's few
 * from a select, as they always were; an administrator's, every unit of the region, by a search.
 */
export function useGrantableUnits(): GrantableUnits {
  const { permissions: me, isPending: mePending } = usePermissions<Me>();
  const { data, total, error, isPending } = useGetList<GrantableUnitItem>(GRANTABLE_UNITS, {
    pagination: { page: 1, perPage: FEW_UNITS },
    sort: BY_NAME,
  });
  if (error) return { state: 'failed', message: messageOf(error) };
  if (isPending || mePending) return { state: 'loading' };
  if (data.length === 0) return { state: 'none' };
  const all = total !== undefined && total <= data.length;
  return all && !me?.roles.administrator ? { state: 'few', units: data } : { state: 'many' };
}

export type UnitCatalogue =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; unit: GrantableUnit };

/** The chosen unit with its catalogue, fetched when a unit is chosen. */
export function useUnitCatalogue(careUnitId: string | undefined): UnitCatalogue {
  const { data, error, isPending, isPlaceholderData } = useGetOne<GrantableUnit>(
    GRANTABLE_UNITS,
    { id: careUnitId ?? '' },
    { enabled: Boolean(careUnitId) },
  );
  if (!careUnitId) return { state: 'none' };
  if (error) return { state: 'failed', message: messageOf(error) };
  // Until it arrives react-admin shows the unit from the list, which has no catalogue.
  if (isPending || isPlaceholderData || !Array.isArray(data?.assignments)) return { state: 'loading' };
  return { state: 'ready', unit: data };
}
