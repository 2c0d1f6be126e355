/** What one tick did, for logs and tests. */
export interface TickReport {
  /** Approved orders carried out (COMPLETED). */
  carriedOut: number;
  /** The transactions that carried them out (CARRY_OUT_BATCH orders each, at most). */
  carryOutBatches: number;
  /** Orders whose carrying out failed (left APPROVED for the next tick). */
  failed: string[];
  reminders: number;
  escalations: number;
  delegationNotices: number;
  grantEndings: number;
  /** Approved access orders handed over to their systems (parts made). */
  handedOver: number;
  /** Waiting parts whose systems' administrators were reminded. */
  fulfilmentReminders: number;
  /** Access parts carried out over SCIM (settled DONE). */
  scimDelivered: number;
  /** Failed SCIM attempts that will be tried again. */
  scimFailed: number;
  /** SCIM parts that failed SCIM_MAX_ATTEMPTS times and became work items (MANUAL). */
  scimHandedToAdministrators: number;
  /** Revoke orders the system placed for leavers (issue 15, point 4). */
  leaverRevokes: number;
  /** Delegations ended because their delegate left the unit. */
  leaverDelegationsEnded: number;
  /** Review campaigns started on their start date (issue 17). */
  reviewCampaignsStarted: number;
  /** Reminder mails to reviewers (50 % and 90 % of a campaign's time). */
  reviewReminders: number;
  /** Escalation mails at a campaign's due date. */
  reviewEscalations: number;
  /** Campaigns closed the day after their due date, their rule applied. */
  reviewCampaignsClosed: number;
}
