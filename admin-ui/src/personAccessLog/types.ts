/** One row of GET /api/person-access-log: who looked up or opened which person, when and why. */
export interface PersonAccessLogItem {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorUserId: string | null;
  clientName: string | null;
  action: 'LOOKUP' | 'DETAIL';
  personId: string | null;
  personName: string | null;
  personUserId: string | null;
  lookedUpBy: 'id' | 'personnummer' | 'passportNumber' | 'hsaId' | 'userId';
  lookedUp: string;
  answered: boolean;
  purpose: string;
  requestId: string | null;
}

/** The purposes the server records (person-access-log.ts ACCESS_PURPOSES). */
export const ACCESS_PURPOSES = [
  'wizard',
  'mass-order',
  'person-page',
  'person-edit',
  'delegation',
  'order',
  'attest',
  'api',
] as const;
