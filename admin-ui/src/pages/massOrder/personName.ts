import type { PersonRow } from './types';

/** "Linda Maria Svensson (linma5)": how a person is named in labels and refusals. */
export const personLabel = (person: Pick<PersonRow, 'firstName' | 'lastName' | 'userId'>): string =>
  `${person.firstName} ${person.lastName} (${person.userId})`;
