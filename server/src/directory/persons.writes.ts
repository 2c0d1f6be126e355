import type { EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid.js';
import { rowSnapshot, type RowSnapshot } from './directory-audit.js';
import {
  addError,
  conflict,
  type FieldErrors,
  invalidFields,
  notFound,
  type WriteMeanings,
} from './directory.errors.js';
import { Person } from './entities/person.entity.js';
import type { PersonEngagement, PersonHeldAssignment } from './persons.queries.js';
import { PERSON_CLASHES_SQL } from './persons.queries.js';

/** The checks and records of PersonsService's writes. */

const UNIQUE_FIELDS = ['hsaId', 'userId', 'personnummer', 'passportNumber'] as const;
type UniqueField = (typeof UNIQUE_FIELDS)[number];

const CLASH_MESSAGES: Record<UniqueField, string> = {
  hsaId: 'Det finns redan en person med detta HSA-id.',
  userId: 'Det finns redan en person med detta VGR-ID.',
  personnummer: 'Det finns redan en person med detta personnummer.',
  passportNumber: 'Det finns redan en person med detta passnummer.',
};

export const PERSON_WRITES: WriteMeanings = {
  unique: {
    person_hsa_id_key: { field: 'hsaId', message: CLASH_MESSAGES.hsaId },
    person_user_id_key: { field: 'userId', message: CLASH_MESSAGES.userId },
    person_personnummer_key: { field: 'personnummer', message: CLASH_MESSAGES.personnummer },
    person_passport_number_key: { field: 'passportNumber', message: CLASH_MESSAGES.passportNumber },
  },
};

const NEEDS_IDENTITY = 'Ange personnummer eller passnummer (minst ett av dem).';

/** The person's row, locked until the transaction ends: the audit event's `before` is what was changed. */
export async function lockPerson(tx: EntityManager, id: string): Promise<Person> {
  const current = isUuid(id)
    ? await tx.findOne(Person, { where: { id }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (!current) throw notFound('Personen');
  return current;
}

export function checkIdentity(personnummer: string | null, passportNumber: string | null): void {
  if (personnummer === null && passportNumber === null) {
    throw invalidFields({ personnummer: [NEEDS_IDENTITY], passportNumber: [NEEDS_IDENTITY] });
  }
}

/** Reports every unique value another person already has, all at once. */
export async function checkClashes(
  tx: EntityManager,
  values: Partial<Record<UniqueField, string | null>>,
  exceptId: string | undefined,
): Promise<void> {
  const wanted = UNIQUE_FIELDS.map((field) => values[field] ?? null);
  if (wanted.every((value) => value === null)) return;
  const [clash] = await tx.query<Record<UniqueField, boolean>[]>(PERSON_CLASHES_SQL, [
    ...wanted,
    exceptId ?? null,
  ]);
  const errors: FieldErrors = {};
  for (const field of UNIQUE_FIELDS) if (clash?.[field]) addError(errors, field, CLASH_MESSAGES[field]);
  if (Object.keys(errors).length > 0) throw conflict(errors);
}

/**
 * A deleted person as the audit event keeps them. The database removes their engagements and
 * holdings with them and leaves the units and administrations they headed without a head: rights
 * (and the access reviews' escalations) that end with the one delete, so its one event names them too.
 */
export function deletedSnapshot(
  row: Person,
  detail: { engagements: PersonEngagement[]; heldAssignments: PersonHeldAssignment[] },
  headed: { id: string }[],
  headedAdministrations: { id: string }[],
): RowSnapshot {
  return {
    ...rowSnapshot(row),
    removedWith: {
      engagements: detail.engagements.map(({ id, careUnitId, validFrom, validTo }) => ({
        id,
        careUnitId,
        validFrom,
        validTo,
      })),
      heldAssignments: detail.heldAssignments.map(({ id, assignmentId, validFrom, validTo }) => ({
        id,
        assignmentId,
        validFrom,
        validTo,
      })),
      headOfCareUnitIds: headed.map((unit) => unit.id),
      headOfAdministrationIds: headedAdministrations.map((administration) => administration.id),
    },
  };
}
