import { type DelegationItem, type DelegationSnapshot, RIGHTS } from './delegation.types.js';
import { invalidDelegation } from './delegations.errors.js';
import type { UpdateDelegationDto } from './dto/delegation.dto.js';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * Applies a limitation to a delegation that has not ended. A limitation only ever narrows: an
 * earlier end (not before today, not before the start), fewer rights, fewer assignments. Widening
 * would be a new grant and is refused. Answers the new state, or undefined when nothing changes.
 */
export async function limitDelegation(
  current: DelegationItem,
  dto: UpdateDelegationDto,
  today: string,
  belongToUnit: (assignmentIds: string[]) => Promise<boolean>,
): Promise<DelegationSnapshot | undefined> {
  if (dto.validTo === undefined && dto.rights === undefined && dto.assignmentIds === undefined) {
    throw invalidDelegation({
      validTo: ['Ange ett tidigare slutdatum, färre rättigheter eller färre uppdrag.'],
    });
  }
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  let validTo = current.validTo;
  if (dto.validTo !== undefined) {
    if (dto.validTo === null) {
      if (current.validTo !== null) add('validTo', 'Slutdatumet kan bara flyttas tidigare, inte tas bort.');
    } else if (dto.validTo < today) {
      add('validTo', 'Slutdatumet får inte vara tidigare än i dag.');
    } else if (dto.validTo < current.validFrom) {
      add('validTo', 'Slutdatumet får inte vara före startdatumet.');
    } else if (current.validTo !== null && dto.validTo > current.validTo) {
      add('validTo', 'Slutdatumet kan bara flyttas tidigare.');
    } else {
      validTo = dto.validTo;
    }
  }

  let rights = current.rights;
  if (dto.rights !== undefined) {
    if (!dto.rights.every((r) => current.rights.includes(r))) {
      add('rights', 'Rättigheterna kan bara begränsas, inte utökas.');
    } else {
      rights = RIGHTS.filter((r) => dto.rights?.includes(r));
    }
  }

  let assignmentIds = current.assignmentIds;
  if (dto.assignmentIds !== undefined) {
    const wholeUnit = current.assignmentIds.length === 0;
    if (dto.assignmentIds.length === 0 && !wholeUnit) {
      add('assignmentIds', 'Uppdragen kan bara begränsas, inte utökas till hela vårdenheten.');
    } else if (!wholeUnit && !dto.assignmentIds.every((id) => current.assignmentIds.includes(id))) {
      add('assignmentIds', 'Uppdragen kan bara begränsas, inte utökas.');
    } else if (wholeUnit && !(await belongToUnit(dto.assignmentIds))) {
      add('assignmentIds', 'Uppdragen måste höra till delegeringens vårdenhet.');
    } else {
      assignmentIds = [...dto.assignmentIds].sort();
    }
  }

  if (Object.keys(errors).length > 0) throw invalidDelegation(errors);
  const unchanged =
    validTo === current.validTo &&
    sameSet(rights, current.rights) &&
    sameSet(assignmentIds, current.assignmentIds);
  return unchanged ? undefined : { rights, assignmentIds, validFrom: current.validFrom, validTo };
}
