/**
 * The portal addresses mails point at, in one place so the UI's routes and the mails cannot
 * drift apart unnoticed. The admin UI uses react-admin's hash router, so paths follow `#/`.
 * The server still decides who may see what: a forwarded link shows nothing to anyone else.
 */
export const mailLinks = {
  /** The attestant's view of one order (approve or reject there). */
  attest: (publicUrl: string, orderId: string) => `${publicUrl}/#/attest/${encodeURIComponent(orderId)}`,
  /** The attest queue showing one mass-order batch. */
  attestBatch: (publicUrl: string, batchId: string) =>
    `${publicUrl}/#/attest?batchId=${encodeURIComponent(batchId)}`,
  /** The order as its orderer sees it, feedback included. */
  order: (publicUrl: string, orderId: string) => `${publicUrl}/#/orders/${encodeURIComponent(orderId)}/show`,
  delegation: (publicUrl: string, delegationId: string) =>
    `${publicUrl}/#/delegations/${encodeURIComponent(delegationId)}/show`,
  /** The stand-ins page (Ersättare): those one named and those naming one. */
  standIns: (publicUrl: string) => `${publicUrl}/#/stand-ins`,
};
