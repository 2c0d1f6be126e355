/** The in-app manuals, one per start page tile. */
export const HELP_ROUTES = {
  vmuSingle: '/hjalp/vmu-en-anvandare',
  vmuMass: '/hjalp/vmu-flera-anvandare',
  attest: '/hjalp/attest',
  delegations: '/hjalp/delegering',
  accessOrders: '/hjalp/behorighetsbestallning',
} as const;

export type HelpTopic = keyof typeof HELP_ROUTES;
