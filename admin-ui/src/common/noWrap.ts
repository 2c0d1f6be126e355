/** For ids, numbers and dates in grids: `SE2321000131-P000000000104` must not break at its hyphen. */
export const noWrap = { whiteSpace: 'nowrap' } as const;
