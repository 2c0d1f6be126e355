export default async function globalTeardown() {
  await globalThis.__BEH_STOP_PG__?.();
}
