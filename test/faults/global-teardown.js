import { rm } from 'node:fs/promises';
import globalTeardown from '../support/global-teardown.js';

export default async function faultsTeardown() {
  if (process.env.BEH_FAULTS_DIST) await rm(process.env.BEH_FAULTS_DIST, { recursive: true, force: true });
  await globalTeardown();
}
