/**
 * The queue "Att utföra" as /api/fulfilment answers it (issue 14, carrying out): one system's part
 * of an access order's line. Written out until src/api/schema.d.ts is regenerated with it.
 */
export type PartStatus = 'PENDING' | 'DONE' | 'REFUSED';

export interface PartRole {
  roleId: string;
  name: string;
  scimGroup: string | null;
}

export interface FulfilmentItem {
  id: string;
  orderId: string;
  orderNumber: string;
  type: 'GRANT' | 'REVOKE' | 'CHANGE';
  itemId: string;
  systemId: string;
  systemName: string;
  method: 'MANUAL' | 'SCIM';
  status: PartStatus;
  urgent: boolean;
  endUserId: string;
  endUserName: string;
  endUserUserId: string;
  endUserHsaId: string;
  templateName: string;
  professionName: string;
  previousTemplateName: string | null;
  previousProfessionName: string | null;
  grantRoles: PartRole[];
  revokeRoles: PartRole[];
  startDate: string;
  endDate: string | null;
  ordererName: string;
  reason: string | null;
  hasFeedback: boolean;
  scimLastError: string | null;
  scimAttempts: number;
  doneByName: string | null;
  doneAt: string | null;
  createdAt: string;
}

export interface FulfilmentCount {
  systemId: string;
  systemName: string;
  pending: number;
  urgent: number;
}

export interface SettledPart {
  partId: string;
  orderId: string;
  status: 'DONE' | 'REFUSED';
  orderCompleted: boolean;
}

/** The systems the signed-in person administers, as GET /api/me tells them. */
export interface AdministeredSystem {
  systemId: string;
  systemName: string;
}
