import type { AccessOrderType } from './types';

const accessList = (scope: 'mine' | 'all', type?: AccessOrderType) =>
  `/orders?filter=${encodeURIComponent(
    JSON.stringify({ scope, kind: 'ACCESS', ...(type ? { type } : {}) }),
  )}&order=DESC&page=1&sort=createdAt`;

/** "Beställning av Behörigheter" and the tile's order lists (the order resource filtered to ACCESS). */
export const accessOrderRoutes = {
  wizard: '/bestallning/behorigheter',
  mine: accessList('mine'),
  all: accessList('all'),
  list: accessList,
};
