// Plain JavaScript, like test/support/global-setup.js, which it runs first.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import globalSetup from '../support/global-setup.js';

/**
 * PostgreSQL as for every suite, and the server compiled once (tsc --noCheck: type checking is
 * lint's job) into a folder of its own, for the scenarios that start it as real processes.
 */
export default async function faultsSetup() {
  const root = path.resolve(import.meta.dirname, '../..');
  const dist = path.join(root, '.data', `faults-dist-${randomBytes(4).toString('hex')}`);
  const build = promisify(execFile)(
    process.execPath,
    [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
      '--outDir',
      dist,
      '--noCheck',
      '--sourceMap',
      'false',
    ],
    { cwd: root },
  );
  await Promise.all([globalSetup(), build]);
  process.env.BEH_FAULTS_DIST = dist;
}
