/** Records as the directory API returns them (docs/api-contract-directory.md). */
import type { Identifier, RaRecord } from 'react-admin';

export type Purpose = 'CARE_AND_TREATMENT' | 'QUALITY_ASSURANCE' | 'ADMINISTRATION' | 'STATISTICS';
export type AssignmentKind = 'GENERAL' | 'SPECIAL';
export type CareProviderKind = 'REGIONAL' | 'PRIVATE';

/** A calendar date, `YYYY-MM-DD` (Europe/Stockholm). */
export type CalendarDate = string;

export interface Person extends RaRecord {
  hsaId: string;
  userId: string;
  firstName: string;
  lastName: string;
  title: string | null;
  email: string | null;
  /** Masked (`1985xxxx-xxxx`) in lists, whole (`ÅÅÅÅMMDD-NNNN`) in the detail; null when none. */
  personnummer: string | null;
  passportNumber: string | null;
  protectedIdentity: boolean;
  active: boolean;
  organisation: string;
}

export interface PersonEngagement {
  id: Identifier;
  careUnitId: Identifier;
  careUnitName: string;
  careUnitHsaId: string;
  administrationId: Identifier;
  administrationName: string;
  careProviderKind: CareProviderKind;
  costCentre: string | null;
  title: string | null;
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
  active: boolean;
}

export interface PersonHeldAssignment {
  id: Identifier;
  assignmentId: Identifier;
  assignmentName: string;
  assignmentKind: AssignmentKind;
  purpose: Purpose;
  careUnitId: Identifier;
  careUnitName: string;
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
  active: boolean;
}

export interface PersonDetail extends Person {
  isAdministrator: boolean;
  engagements: PersonEngagement[];
  heldAssignments: PersonHeldAssignment[];
}

export interface CareUnit extends RaRecord {
  hsaId: string;
  name: string;
  administrationId: Identifier;
  administrationName: string;
  careProviderId: Identifier;
  careProviderName: string;
  careProviderKind: CareProviderKind;
  headOfUnitId: Identifier | null;
  headOfUnitName: string | null;
  activeStaff: number;
}

export interface Assignment extends RaRecord {
  hsaId: string;
  careUnitId: Identifier;
  careUnitName: string;
  name: string;
  purpose: Purpose;
  kind: AssignmentKind;
  description: string | null;
  privateProviderOnly: boolean;
  memberCount: number;
}

export interface SystemGuideEntry extends RaRecord {
  systemName: string;
  useCase: string;
  purpose: Purpose;
  assignmentName: string;
  note: string | null;
}

export interface Engagement extends RaRecord {
  personId: Identifier;
  careUnitId: Identifier;
  careUnitName: string;
  administrationName: string;
  costCentre: string | null;
  title: string | null;
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
  active: boolean;
}

export interface HeldAssignment extends RaRecord {
  personId: Identifier;
  assignmentId: Identifier;
  assignmentName: string;
  careUnitId: Identifier;
  careUnitName: string;
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
  active: boolean;
}

export interface Administration extends RaRecord {
  code: string;
  name: string;
  careProviderId: Identifier;
  careProviderName: string;
}

export interface CareProvider extends RaRecord {
  hsaId: string;
  name: string;
  kind: CareProviderKind;
}
