import { DirectorySchema1764000000000 } from './1764000000000-DirectorySchema.js';
import { PersonNameWordSearch1764000100000 } from './1764000100000-PersonNameWordSearch.js';
import { SwedishCollation1764000200000 } from './1764000200000-SwedishCollation.js';
import { MailOutbox1764100000000 } from './1764100000000-MailOutbox.js';
import { AuditLog1764100100000 } from './1764100100000-AuditLog.js';
import { AuthSessions1764200000000 } from './1764200000000-AuthSessions.js';
import { Delegations1764200100000 } from './1764200100000-Delegations.js';
import { Orders1764300000000 } from './1764300000000-Orders.js';
import { Signing1764400000000 } from './1764400000000-Signing.js';
import { Scheduler1764600000000 } from './1764600000000-Scheduler.js';
import { Attest1764700000000 } from './1764700000000-Attest.js';
import { MassOrders1764800000000 } from './1764800000000-MassOrders.js';
import { DelegationHistoryInAuditLog1764900000000 } from './1764900000000-DelegationHistoryInAuditLog.js';
import { ListIndexes1765000000000 } from './1765000000000-ListIndexes.js';
import { RightsVersion1765000100000 } from './1765000100000-RightsVersion.js';
import { SchedulerWatermarks1765000200000 } from './1765000200000-SchedulerWatermarks.js';
import { AuditCheckpoints1765000300000 } from './1765000300000-AuditCheckpoints.js';
import { OrderListIndexes1765000400000 } from './1765000400000-OrderListIndexes.js';
import { RateLimits1765100000000 } from './1765100000000-RateLimits.js';
import { PersonAccessLog1765100100000 } from './1765100100000-PersonAccessLog.js';
import { ApiClients1765100200000 } from './1765100200000-ApiClients.js';
import { AuditAnchors1765100300000 } from './1765100300000-AuditAnchors.js';
import { AnonymousSessions1765100400000 } from './1765100400000-AnonymousSessions.js';
import { AuditEventHashNotUnique1765100500000 } from './1765100500000-AuditEventHashNotUnique.js';
import { OrderWarnings1765100600000 } from './1765100600000-OrderWarnings.js';
import { LookupLogUserId1765100700000 } from './1765100700000-LookupLogUserId.js';
import { AccessCatalogue1765100800000 } from './1765100800000-AccessCatalogue.js';
import { AccessOrders1765100900000 } from './1765100900000-AccessOrders.js';
import { DirectorySync1765200000000 } from './1765200000000-DirectorySync.js';
import { LdapWriteBack1765200100000 } from './1765200100000-LdapWriteBack.js';
import { Leavers1765200200000 } from './1765200200000-Leavers.js';
import { CommissionMembersAdopted1765200300000 } from './1765200300000-CommissionMembersAdopted.js';
import { OrderScopeIndex1765200400000 } from './1765200400000-OrderScopeIndex.js';
import { AttestQueueStamp1765200500000 } from './1765200500000-AttestQueueStamp.js';
import { SamlSessionSubject1765200600000 } from './1765200600000-SamlSessionSubject.js';
import { FederatedSigning1765200700000 } from './1765200700000-FederatedSigning.js';
import { AccessReviews1765200800000 } from './1765200800000-AccessReviews.js';
import { Auditor1765200900000 } from './1765200900000-Auditor.js';
import { ReportIndexes1765201000000 } from './1765201000000-ReportIndexes.js';
import { StandIns1765201100000 } from './1765201100000-StandIns.js';
import { AdministrationHead1765201200000 } from './1765201200000-AdministrationHead.js';
import { AccessTemplateReviews1765201300000 } from './1765201300000-AccessTemplateReviews.js';

/** Every migration, oldest first. Listed explicitly so the same list works compiled and in tests. */
export const migrations = [
  DirectorySchema1764000000000,
  PersonNameWordSearch1764000100000,
  SwedishCollation1764000200000,
  MailOutbox1764100000000,
  AuditLog1764100100000,
  AuthSessions1764200000000,
  Delegations1764200100000,
  Orders1764300000000,
  Signing1764400000000,
  Scheduler1764600000000,
  Attest1764700000000,
  MassOrders1764800000000,
  DelegationHistoryInAuditLog1764900000000,
  ListIndexes1765000000000,
  RightsVersion1765000100000,
  SchedulerWatermarks1765000200000,
  AuditCheckpoints1765000300000,
  OrderListIndexes1765000400000,
  RateLimits1765100000000,
  PersonAccessLog1765100100000,
  ApiClients1765100200000,
  AuditAnchors1765100300000,
  AnonymousSessions1765100400000,
  AuditEventHashNotUnique1765100500000,
  OrderWarnings1765100600000,
  LookupLogUserId1765100700000,
  AccessCatalogue1765100800000,
  AccessOrders1765100900000,
  DirectorySync1765200000000,
  LdapWriteBack1765200100000,
  Leavers1765200200000,
  CommissionMembersAdopted1765200300000,
  OrderScopeIndex1765200400000,
  AttestQueueStamp1765200500000,
  SamlSessionSubject1765200600000,
  FederatedSigning1765200700000,
  AccessReviews1765200800000,
  Auditor1765200900000,
  ReportIndexes1765201000000,
  StandIns1765201100000,
  AdministrationHead1765201200000,
  AccessTemplateReviews1765201300000,
];
