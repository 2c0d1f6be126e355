/** Mass orders as the API returns them: the server's own description (src/api/schema.d.ts). */
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

/** `GET /api/mass-orders/assignments/:id`: the assignment "Redigera användare" works on. */
export type MassAssignment = Schemas['MassOrderAssignment'];

/** What every person row shows: the seed's columns. `personnummer` is masked. */
export type PersonRow = Schemas['PersonBrief'];
/** Someone who holds the assignment today, or has a grant of it waiting. */
export type Member = Schemas['Member'];
/** A search hit ("Sök person(er)"). */
export type Candidate = Schemas['Candidate'];

/** The search fields of "Sök person(er)". */
export interface CandidateFilter {
  firstName?: string;
  lastName?: string;
  userId?: string;
  organisation?: string;
}

/** A page of a list, with how many there are in all. */
export interface Page<T> {
  rows: T[];
  total: number;
}

export type ImportReport = Schemas['ImportReport'];
export type RuleViolation = Schemas['RuleBreach'];
export type PersonVerdict = Schemas['PersonVerdict'];
/** `POST /api/mass-orders/check`, and the body of a refused send. */
export type CheckResult = Schemas['CheckResult'];

/** `POST /api/mass-orders/check`: attestant and date only when chosen. */
export type MassOrderCheck = Schemas['CheckMassOrderDto'];
/**
 * `POST /api/mass-orders`: the send. `confirmedWarnings`: the orderer confirmed the check's warnings
 * (soft rules); without it a send with warnings is refused (422 `order-warnings`).
 */
export type MassOrderSend = Schemas['SendMassOrderDto'] & { confirmedWarnings?: boolean };

export type PlacedBatch = Schemas['SentBatch'];
export type BatchOrder = Schemas['BatchOrder'];
/** `GET /api/mass-orders/batches/:id`: the receipt. */
export type Batch = Schemas['BatchView'];
