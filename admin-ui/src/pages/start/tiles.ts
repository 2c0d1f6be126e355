import { attestRoutes } from '../../attest/routes';
import { accessOrderRoutes } from '../../accessOrders/routes';
import type { Me, MeTiles } from '../../auth/types';
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
  /** Which of `me.tiles` decides whether the user sees this tile (unless `visible` says). */
  key: keyof MeTiles | 'access';
  /** Whether the user sees the tile, when more than `me.tiles[key]` decides. */
  visible?: (me: Me) => boolean;
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

/**
 * Whether the user may order access for some verksamhet (issue 14): `GET /api/me`'s tile `access`,
 * or ORDER on one of its `operations`.
 */
const ordersAccess = (me: Me): boolean =>
  (me.tiles as Partial<Record<string, boolean>>).access === true ||
  ((me as { operations?: { order: boolean }[] }).operations ?? []).some((operation) => operation.order);

/** The start page's tiles, in the manuals' order. */
export const START_TILES: readonly StartTileDefinition[] = [
  {
    // Lokala och Regionala system (issue 14): for those who may order for a verksamhet; administrators
    // see it for the order lists and the manual.
    key: 'access',
    visible: (me) => ordersAccess(me) || me.roles.administrator,
    title: 'beh.start.access.title',
    description: 'beh.start.access.description',
    manual: { label: 'beh.start.access.manual', to: HELP_ROUTES.accessOrders },
    to: accessOrderRoutes.wizard,
    orderLists: {
      mine: { label: 'beh.start.myOrders', to: accessOrderRoutes.mine },
      all: { label: 'beh.start.allOrders', to: accessOrderRoutes.all },
    },
  },
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
