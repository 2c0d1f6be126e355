import type { MeTiles } from '../../auth/types';
import { delegationRoutes } from '../../delegations/routes';
import { HELP_ROUTES } from '../help/helpRoutes';

/**
 * A link on a tile. `to` is undefined while the screen it leads to does not exist yet (the order
 * wizard, mass order, attest queue and order lists come with later issues): the tile then shows no link.
 */
export interface TileLink {
  /** i18n key of the link text. */
  label: string;
  to: string | undefined;
}

export interface StartTileDefinition {
  /** Which of `me.tiles` decides whether the user sees this tile. */
  key: keyof MeTiles;
  /** i18n keys. */
  title: string;
  description?: string;
  manual: TileLink & { to: string };
  /** Where the tile's title leads: the feature itself. */
  to: string | undefined;
  /** "Mina beställningar" / "Alla beställningar", as in the seeds. */
  orderLists?: { mine: TileLink; all: TileLink };
  /** Further actions listed on the tile. */
  links?: TileLink[];
}

const orderLists = (): StartTileDefinition['orderLists'] => ({
  // The order lists come with the ordering issue: GET /api/orders?filter={"scope":"mine"|"all"}.
  mine: { label: 'beh.start.myOrders', to: undefined },
  all: { label: 'beh.start.allOrders', to: undefined },
});

/** The start page's tiles, in the seeds' order. ("Lokala och Regionala system" has its own later issue.) */
export const START_TILES: readonly StartTileDefinition[] = [
  {
    key: 'vmuSingle',
    title: 'beh.start.vmuSingle.title',
    description: 'beh.start.vmuSingle.description',
    manual: { label: 'beh.start.vmuSingle.manual', to: HELP_ROUTES.vmuSingle },
    to: undefined, // the three-step order wizard
    orderLists: orderLists(),
  },
  {
    key: 'vmuMass',
    title: 'beh.start.vmuMass.title',
    description: 'beh.start.vmuMass.description',
    manual: { label: 'beh.start.vmuMass.manual', to: HELP_ROUTES.vmuMass },
    to: undefined, // mass ordering
    orderLists: orderLists(),
  },
  {
    key: 'attest',
    title: 'beh.start.attest.title',
    description: 'beh.start.attest.description',
    manual: { label: 'beh.start.attest.manual', to: HELP_ROUTES.attest },
    to: undefined, // the approval queue
  },
  {
    key: 'delegations',
    title: 'beh.start.delegations.title',
    manual: { label: 'beh.start.delegations.manual', to: HELP_ROUTES.delegations },
    to: undefined, // its actions are the links below, as in the seeds
    links: [
      { label: 'beh.start.delegations.create', to: delegationRoutes.create },
      { label: 'beh.start.delegations.manage', to: delegationRoutes.list },
      { label: 'beh.start.delegations.search', to: delegationRoutes.search },
    ],
  },
];
