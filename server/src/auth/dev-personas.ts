/** A person the development sign-in page offers, by VGR-ID, with what signing in as them shows. */
export interface DevPersona {
  userId: string;
  /** In Swedish, under the name on the sign-in page. */
  description: string;
}

/**
 * Whom the development sign-in page offers, in this order: the demo personas of docs/domain.md
 * ("Demo personas"). Their names and titles are read from the directory, and a persona the
 * directory does not have is left out; the directory itself is filled by the demo seed, which
 * the sign-in does not depend on. Any other person of the directory may still be signed in as by
 * VGR-ID.
 */
export const DEV_PERSONAS: readonly DevPersona[] = [
  { userId: 'admin1', description: 'Administratör: förvaltar katalogen och ser alla beställningar' },
  { userId: 'karlu1', description: 'Verksamhetschef för Vårdcentralen Solgläntan och Avdelning 12 Medicin' },
  { userId: 'eriho2', description: 'Delegering: beställa och attestera på Vårdcentralen Solgläntan' },
  { userId: 'sarbe3', description: 'Delegering: endast attestera på Vårdcentralen Solgläntan' },
  { userId: 'nilbo4', description: 'Medarbetare på Solgläntan med aktivt engagemang, utan uppdrag' },
  { userId: 'linma5', description: 'Medarbetare på Solgläntan med aktivt engagemang, har VoB SJF' },
  { userId: 'majoh6', description: 'Engagemanget har upphört: endast avslut kan beställas' },
  { userId: 'ahmal7', description: 'Medarbetare med enbart passnummer' },
  { userId: 'petny8', description: 'Medarbetare hos privat vårdgivare (kan få Administration Spärr & Logg)' },
];
