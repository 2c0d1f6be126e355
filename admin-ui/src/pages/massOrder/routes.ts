import type { Identifier } from 'react-admin';

/** "Beställ/avbeställ koppling till VMU" and its "Redigera användare" pages. */
export const massOrderRoutes = {
  tree: '/massbestallning',
  assignmentPattern: '/massbestallning/:assignmentId',
  assignment: (assignmentId: Identifier) => `/massbestallning/${encodeURIComponent(String(assignmentId))}`,
};
