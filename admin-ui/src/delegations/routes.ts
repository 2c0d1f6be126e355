/** Filters the list opens with when the user came to search ("Sök befintlig delegering"). */
const SEARCH_FILTERS = { delegateId: true, careUnitId: true, grantorId: true, status: true };

export const delegationRoutes = {
  list: '/delegations',
  create: '/delegations/create',
  search: `/delegations?displayedFilters=${encodeURIComponent(JSON.stringify(SEARCH_FILTERS))}`,
  show: (id: string | number) => `/delegations/${encodeURIComponent(String(id))}/show`,
};
