import { HttpStatus } from '@nestjs/common';
import { notFound, ProblemException } from '../common/problem.js';
import type { VerificationFailure } from './crypto/verify.js';

/** Rule 27, Three wrong PINs lock a certificate: until an administrator unlocks it. */
export const MAX_PIN_TRIES = 3;

export const signRequestNotFound = () => notFound('Signeringsbegäran');
export const certificateNotFound = () => notFound('Certifikatet');

export const signRequestExpired = () =>
  new ProblemException(
    HttpStatus.GONE,
    'sign-request-expired',
    'Signeringsbegäran har gått ut: den gäller i 10 minuter. Börja om från beställningen.',
    { title: 'Har gått ut' },
  );

export const signRequestUsed = () =>
  new ProblemException(HttpStatus.CONFLICT, 'sign-request-used', 'Signeringsbegäran är redan använd.');

export const signRequestFailed = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'sign-request-failed',
    'Signeringen misslyckades och begäran kan inte användas igen. Börja om från beställningen.',
  );

export const wrongPin = (triesLeft: number) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'wrong-pin', `Fel PIN-kod. Du har ${triesLeft} försök kvar.`, {
    triesLeft,
    locked: false,
  });

const LOCKED_ADVICE = 'En administratör kan låsa upp det.';

export const certificateLocked = (justNow = false) =>
  new ProblemException(
    HttpStatus.LOCKED,
    'certificate-locked',
    justNow
      ? `Fel PIN-kod. Certifikatet är nu låst efter ${MAX_PIN_TRIES} felaktiga försök. ${LOCKED_ADVICE}`
      : `Certifikatet är låst efter ${MAX_PIN_TRIES} felaktiga PIN-koder. ${LOCKED_ADVICE}`,
    { title: 'Låst', triesLeft: 0, locked: true },
  );

export const certificateNotValidNow = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'certificate-not-valid',
    'Certifikatet är inte giltigt nu och kan inte användas för underskrift.',
  );

export const noCertificate = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'no-certificate',
    'Du har inget certifikat för underskrift. Kontakta en administratör.',
  );

/** What each failed check means, for the signer and for "Verifiera signatur". */
export const VERIFICATION_TEXTS: Record<VerificationFailure, string> = {
  MALFORMED: 'signaturen är inte en läsbar CMS-signatur',
  DIGEST_MISMATCH: 'dokumentet är inte det som signerades',
  BAD_SIGNATURE: 'signaturvärdet stämmer inte med certifikatet',
  UNTRUSTED_CHAIN: 'certifikatet är inte utfärdat av en betrodd utfärdare',
  NOT_VALID_AT_SIGNING_TIME: 'certifikatet var inte giltigt när signaturen gjordes',
  CERTIFICATE_MISMATCH: 'det sparade certifikatet är inte signaturens',
  WRONG_SIGNER: 'certifikatet tillhör inte den som skulle signera',
  SIGNING_TIME_MISMATCH: 'signeringstiden i signaturen är inte den som sparades',
  REVOKED: 'certifikatet är spärrat',
  REVOCATION_UNKNOWN: 'certifikatets spärrstatus gick inte att kontrollera',
};

export const signatureNotVerified = (reason: VerificationFailure) =>
  new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'signature-invalid',
    `Signaturen kunde inte verifieras: ${VERIFICATION_TEXTS[reason]}.`,
    { reason },
  );

/** The embedded signing window's PIN path, when another signing service signs. */
export const signedElsewhere = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'signed-elsewhere',
    'Signering sker hos signeringstjänsten med SITHS-kort, inte med PIN-kod här.',
  );
