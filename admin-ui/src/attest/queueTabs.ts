/** The queue's tabs and the filter flag each one sets; the counts come from `GET /api/attest/counts`. */
export const QUEUE_TABS = [
  { id: 'all', flag: undefined },
  { id: 'urgent', flag: 'urgent' },
  { id: 'due', flag: 'due' },
  { id: 'batches', flag: 'inBatch' },
] as const;

export type QueueTab = (typeof QUEUE_TABS)[number]['id'];

const FLAGS: readonly string[] = QUEUE_TABS.flatMap((tab) => (tab.flag ? [tab.flag] : []));

/** The filter without any tab's flag: what every tab's count is taken over. */
export const withoutTabFlags = (filter: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(filter).filter(([name]) => !FLAGS.includes(name)));

export const tabOf = (filter: Record<string, unknown>): QueueTab =>
  QUEUE_TABS.find((tab) => tab.flag && filter[tab.flag] === true)?.id ?? 'all';

export const filterForTab = (filter: Record<string, unknown>, tab: QueueTab): Record<string, unknown> => {
  const flag = QUEUE_TABS.find((candidate) => candidate.id === tab)?.flag;
  return flag ? { ...withoutTabFlags(filter), [flag]: true } : withoutTabFlags(filter);
};
