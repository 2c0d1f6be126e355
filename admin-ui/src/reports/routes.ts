import type { Identifier } from 'react-admin';

/** The reports (issue 17): "Innehav på datum" and a person's history, both custom routes. */
export const reportRoutes = {
  holdings: '/reports/innehav',
  historyPattern: '/persons/:id/history',
  history: (personId: Identifier) => `/persons/${encodeURIComponent(String(personId))}/history`,
};

/** The API's list resources (ra-data-simple-rest: GET /api/<resource>). */
export const HOLDINGS_RESOURCE = 'reports/holdings-on-date';
export const historyResource = (personId: Identifier) =>
  `reports/person-history/${encodeURIComponent(String(personId))}`;
