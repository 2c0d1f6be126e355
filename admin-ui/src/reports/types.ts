import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** A row of "Innehav på datum". */
export type HoldingOnDate = Schemas['HoldingOnDate'];
/** The order that granted a holding; null on a holding from before BEH. */
export type GrantingOrder = Schemas['GrantingOrder'];
/** A row of a person's history: a holding, an order line or a delegation. */
export type HistoryItem = Schemas['HistoryItem'];
