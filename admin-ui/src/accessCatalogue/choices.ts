import type { Fulfilment } from './types';

export const FULFILMENTS: readonly Fulfilment[] = ['MANUAL', 'SCIM'];

/** How a system's part of an order is carried out, labelled through i18n. */
export const fulfilmentChoices = FULFILMENTS.map((id) => ({
  id,
  name: `beh.accessCatalogue.fulfilment.${id}`,
}));
