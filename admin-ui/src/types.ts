/** Records as the directory API returns them: the server's own description (src/api/schema.d.ts). */
import type { components } from './api/schema';

type Schemas = components['schemas'];

export type Purpose = Schemas['Purpose'];
export type AssignmentKind = Schemas['AssignmentKind'];
export type CareProviderKind = Schemas['ProviderKind'];

/** A calendar date, `YYYY-MM-DD` (Europe/Stockholm). */
export type CalendarDate = string;

/** A person in lists: `personnummer` masked (`1985xxxx-xxxx`); null when none. */
export type Person = Schemas['PersonListItem'];
export type PersonEngagement = Schemas['PersonEngagement'];
export type PersonHeldAssignment = Schemas['PersonHeldAssignment'];
/** A person in the detail and the lookup: `personnummer` whole (`ÅÅÅÅMMDD-NNNN`). */
export type PersonDetail = Schemas['PersonDetail'];

export type CareUnit = Schemas['CareUnitItem'];
export type Assignment = Schemas['AssignmentItem'];
export type SystemGuideEntry = Schemas['SystemItem'];
export type Engagement = Schemas['EngagementItem'];
export type HeldAssignment = Schemas['HeldAssignmentItem'];
export type Administration = Schemas['AdministrationItem'];
export type CareProvider = Schemas['CareProviderItem'];
