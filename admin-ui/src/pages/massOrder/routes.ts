import type { Identifier } from 'react-admin';

/** The receipt's query parameter: the sent batch, so a reload or Back/Forward shows the receipt again. */
export const RECEIPT_PARAM = 'kvitto';

/** "Beställ/avbeställ koppling till VMU" and its "Redigera användare" pages. */
export const massOrderRoutes = {
  tree: '/massbestallning',
  assignmentPattern: '/massbestallning/:assignmentId',
  assignment: (assignmentId: Identifier) => `/massbestallning/${encodeURIComponent(String(assignmentId))}`,
  /** The receipt of a sent batch, on the assignment's page. */
  receipt: (assignmentId: Identifier, batchId: Identifier) =>
    `${massOrderRoutes.assignment(assignmentId)}?${RECEIPT_PARAM}=${encodeURIComponent(String(batchId))}`,
};
