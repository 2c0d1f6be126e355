import type { Identifier } from 'react-admin';

/** The attestant's pages; `#/attest/<orderId>` is also the link in the attestant's mail. */
export const attestRoutes = {
  queue: '/attest',
  orderPattern: '/attest/:id',
  order: (id: Identifier) => `/attest/${encodeURIComponent(String(id))}`,
};
