import { HttpStatus } from '@nestjs/common';
import { notFound, ProblemException, ValidationProblem } from '../common/problem.js';

export const NO_ACTIVE_ENGAGEMENT =
  'Personen saknar aktivt engagemang i regionen och kan inte få en delegering.';

/** Rule 37: the delegate is gone from the directory (KIV). */
export const DELEGATE_INACTIVE =
  'Personen är inaktiv i katalogen (finns inte längre i KIV) och kan inte få en delegering.';

/** Rule 37: the care unit is gone from the directory (KIV). */
export const CARE_UNIT_INACTIVE =
  'Vårdenheten är inaktiv i katalogen (finns inte längre i KIV) och kan inte få nya delegeringar.';

export const delegationNotFound = () => notFound('Delegeringen');

export const unitNotFound = () => notFound('Vårdenheten');

export const notHeadOfUnit = () =>
  new ProblemException(
    HttpStatus.FORBIDDEN,
    'forbidden',
    'Du kan bara hantera delegeringar för vårdenheter där du är verksamhetschef.',
  );

export const notHeadOfOperation = () =>
  new ProblemException(
    HttpStatus.FORBIDDEN,
    'forbidden',
    'Du kan bara hantera delegeringar för verksamheter där du är ansvarig chef.',
  );

export const TARGET_REQUIRED = 'Ange antingen en vårdenhet eller en verksamhet.';
export const ASSIGNMENTS_ONLY_FOR_UNITS = 'Uppdrag kan bara anges i en delegering för en vårdenhet.';

export const notVisible = () =>
  new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', 'Du har inte behörighet att se denna delegering.');

export const noLongerChangeable = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'delegation-closed',
    'Delegeringen har upphört eller återkallats och kan inte ändras.',
  );

/** Field → Swedish sentences; the detail is the sentence itself when there is only one. */
export function invalidDelegation(errors: Record<string, string[]>): ValidationProblem {
  const messages = Object.values(errors).flat();
  return new ValidationProblem(
    errors,
    messages.length === 1 ? messages[0] : 'En eller flera uppgifter är felaktiga.',
  );
}
