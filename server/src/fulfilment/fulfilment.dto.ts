import { Prop } from '../common/api-schema.js';
import { Text } from '../common/field-rules.js';
import { PART_METHODS, PART_STATUSES, type PartMethod, type PartStatus } from './parts.js';

/* The fulfilment queue's requests and answers (classes only for validation and OpenAPI). */

export class DonePartDto {
  /** Återkopplingsinfo for the orderer (e.g. user name and first password); sealed at rest. */
  @Text('nullable', 2000)
  feedback?: string | null;
}

export class RefusePartDto {
  @Text('required', 2000)
  reason!: string;
}

export class PartRoleView {
  @Prop.id() roleId!: string;
  @Prop.text() name!: string;
  @Prop.text({ nullable: true }) scimGroup!: string | null;
}

/** A work item of the queue "Att utföra": one system's part of an access order's line. */
export class FulfilmentItem {
  @Prop.id() id!: string;
  @Prop.id() orderId!: string;
  @Prop.text() orderNumber!: string;
  @Prop.oneOf(['GRANT', 'REVOKE', 'CHANGE'], 'OrderType') type!: string;
  @Prop.id() itemId!: string;
  @Prop.id() systemId!: string;
  @Prop.text() systemName!: string;
  @Prop.oneOf(PART_METHODS, 'PartMethod') method!: PartMethod;
  @Prop.oneOf(PART_STATUSES, 'PartStatus') status!: PartStatus;
  @Prop.bool() urgent!: boolean;
  @Prop.id() endUserId!: string;
  @Prop.text() endUserName!: string;
  @Prop.text() endUserUserId!: string;
  @Prop.text() endUserHsaId!: string;
  @Prop.text() templateName!: string;
  @Prop.text() professionName!: string;
  @Prop.text({ nullable: true }) previousTemplateName!: string | null;
  @Prop.text({ nullable: true }) previousProfessionName!: string | null;
  @Prop.list(() => PartRoleView) grantRoles!: PartRoleView[];
  @Prop.list(() => PartRoleView) revokeRoles!: PartRoleView[];
  @Prop.date() startDate!: string;
  @Prop.date({ nullable: true }) endDate!: string | null;
  @Prop.text() ordererName!: string;
  @Prop.text({ nullable: true }) reason!: string | null;
  @Prop.bool({ description: 'Återkopplingsinfo was written (its text is only for the orderer).' })
  hasFeedback!: boolean;
  @Prop.text({ nullable: true }) scimLastError!: string | null;
  @Prop.int() scimAttempts!: number;
  @Prop.text({ nullable: true }) doneByName!: string | null;
  @Prop.dateTime({ nullable: true }) doneAt!: Date | null;
  @Prop.dateTime() createdAt!: Date;
}

/** Per system: the waiting parts, and how many of them are urgent. */
export class FulfilmentCount {
  @Prop.id() systemId!: string;
  @Prop.text() systemName!: string;
  @Prop.int() pending!: number;
  @Prop.int() urgent!: number;
}

/** A part as the order's view shows it. */
export class OrderPartView {
  @Prop.id() id!: string;
  @Prop.id() itemId!: string;
  @Prop.id() systemId!: string;
  @Prop.text() systemName!: string;
  @Prop.oneOf(PART_METHODS, 'PartMethod') method!: PartMethod;
  @Prop.oneOf(PART_STATUSES, 'PartStatus') status!: PartStatus;
  @Prop.text({ nullable: true }) reason!: string | null;
  @Prop.bool() urgent!: boolean;
  @Prop.bool() hasFeedback!: boolean;
  @Prop.int({
    nullable: true,
    description: "Readings left of the Återkopplingsinfo: the orderer's only, else null.",
  })
  feedbackReadsLeft!: number | null;
  @Prop.dateTime({ nullable: true }) doneAt!: Date | null;
  @Prop.dateTime() createdAt!: Date;
}

export class FeedbackReading {
  @Prop.text() text!: string;
  @Prop.int({ description: 'How many more times it can be shown (0: this was the last).' })
  readsLeft!: number;
}

export class SettledPartView {
  @Prop.id() partId!: string;
  @Prop.id() orderId!: string;
  @Prop.oneOf(['DONE', 'REFUSED'], 'PartSettlement') status!: 'DONE' | 'REFUSED';
  @Prop.bool() orderCompleted!: boolean;
}
