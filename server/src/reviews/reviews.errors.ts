import { HttpStatus } from '@nestjs/common';
import { notFound, ProblemException, ValidationProblem } from '../common/problem.js';

/** The problems of access reviews, in Swedish. */
export const campaignNotFound = () => notFound('Granskningen');

export const campaignNotActive = (status: string) =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'review-not-active',
    status === 'CLOSED'
      ? 'Granskningen är avslutad: beslut kan inte längre ändras eller signeras.'
      : 'Granskningen har inte startat än.',
  );

export const itemsNotYours = () =>
  new ProblemException(
    HttpStatus.NOT_FOUND,
    'review-items-not-found',
    'En eller flera rader finns inte i din granskning.',
  );

export const itemsAlreadySigned = (count: number) =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'review-items-signed',
    count === 1
      ? 'En rad är redan signerad och kan inte ändras.'
      : `${count} rader är redan signerade och kan inte ändras.`,
  );

export const COMMENT_REQUIRED = 'En kommentar krävs när ett uppdrag tas bort.';

export const commentRequired = (count: number) =>
  new ValidationProblem(
    { decisions: [COMMENT_REQUIRED] },
    count === 1
      ? `${COMMENT_REQUIRED} En rad saknar kommentar.`
      : `${COMMENT_REQUIRED} ${count} rader saknar kommentar.`,
  );

export const nothingToSign = () =>
  new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'review-nothing-to-sign',
    'Det finns inga osignerade beslut att signera. Markera Behåll eller Ta bort på minst en rad först.',
  );

export const reviewChanged = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'review-changed',
    'Besluten har ändrats sedan signeringen påbörjades. Börja om signeringen från granskningssidan.',
  );

export const scopeForbidden = () =>
  new ProblemException(
    HttpStatus.FORBIDDEN,
    'review-scope-forbidden',
    'Du kan bara skapa granskningar för vårdenheter där du är verksamhetschef. Alla enheter och hela förvaltningar kan bara väljas av administratörer.',
  );
