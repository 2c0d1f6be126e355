import { Administration } from './administration.entity.js';
import { Assignment } from './assignment.entity.js';
import { CareProvider } from './care-provider.entity.js';
import { CareUnit } from './care-unit.entity.js';
import { Engagement } from './engagement.entity.js';
import { HeldAssignment } from './held-assignment.entity.js';
import { Person } from './person.entity.js';
import { SystemGuideEntry } from './system-guide.entity.js';

export {
  Administration,
  Assignment,
  CareProvider,
  CareUnit,
  Engagement,
  HeldAssignment,
  Person,
  SystemGuideEntry,
};

export const directoryEntities = [
  CareProvider,
  Administration,
  CareUnit,
  Person,
  Engagement,
  Assignment,
  HeldAssignment,
  SystemGuideEntry,
];
