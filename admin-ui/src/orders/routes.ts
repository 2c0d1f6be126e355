import type { Identifier } from 'react-admin';
import type { OrderScope } from './types';

const listWithScope = (scope: OrderScope) =>
  `/orders?filter=${encodeURIComponent(JSON.stringify({ scope }))}&order=DESC&page=1&sort=createdAt`;

/** Where the ordering screens live; the wizard is a custom route, the orders a resource. */
export const orderRoutes = {
  wizard: '/bestallning/vmu',
  mine: listWithScope('mine'),
  all: listWithScope('all'),
  show: (id: Identifier) => `/orders/${encodeURIComponent(String(id))}/show`,
};
