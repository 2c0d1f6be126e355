/** The one pattern for ids: every id in BEH is a uuid. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Every element is a uuid (for lists of ids in bodies and filters). */
export const areUuids = (values: readonly unknown[]): values is string[] => values.every(isUuid);
