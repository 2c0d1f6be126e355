import type { Identifier, RaRecord } from 'react-admin';

/** After saving an engagement or a held assignment, go back to the person it belongs to. */
export const backToPerson = (_resource?: string, _id?: Identifier, data?: Partial<RaRecord>): string =>
  data?.personId ? `/persons/${String(data.personId)}/show` : '/persons';
