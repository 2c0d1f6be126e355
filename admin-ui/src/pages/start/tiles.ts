import { attestRoutes } from '../../attest/routes';
import type { MeTiles } from '../../auth/types';
import { delegationRoutes } from '../../delegations/routes';
import { orderRoutes } from '../../orders/routes';
import { massOrderRoutes } from '../massOrder/routes';
import { HELP_ROUTES } from '../help/helpRoutes';

/**
 * A link on a tile. `to` is undefined while the screen it leads to does not exist yet: the tile
 * then shows no link.
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

/** The order history, with the scope in its filter; `undefined` while the tile's feature is not built. */
const orderLists = (built: boolean): StartTileDefinition['orderLists'] => ({
  mine: { label: 'beh.start.myOrders', to: built ? orderRoutes.mine : undefined },
  all: { label: 'beh.start.allOrders', to: built ? orderRoutes.all : undefined },
});

/** The start page's tiles, in the manuals' order. ("Lokala och Regionala system" is rule 12, not built.) */
export const START_TILES: readonly StartTileDefinition[] = [
  {
    key: 'vmuSingle',
    title: 'beh.start.vmuSingle.title',
    description: 'beh.start.vmuSingle.description',
    manual: { label: 'beh.start.vmuSingle.manual', to: HELP_ROUTES.vmuSingle },
    to: orderRoutes.wizard,
    orderLists: orderLists(true),
  },
  {
    key: 'vmuMass',
    title: 'beh.start.vmuMass.title',
    description: 'beh.start.vmuMass.description',
    manual: { label: 'beh.start.vmuMass.manual', to: HELP_ROUTES.vmuMass },
    to: massOrderRoutes.tree,
    orderLists: orderLists(true),
  },
  {
    key: 'attest',
    title: 'beh.start.attest.title',
    description: 'beh.start.attest.description',
    manual: { label: 'beh.start.attest.manual', to: HELP_ROUTES.attest },
    to: attestRoutes.queue,
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
