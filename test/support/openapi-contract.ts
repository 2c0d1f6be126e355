import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The committed contract: the OpenAPI description the application serves at /api/docs, and the
 * admin UI's API types generated from it. `npm run openapi` writes both; the openapi e2e test
 * renders them again from the running application and fails when the committed ones differ.
 */
export const CONTRACT_FILES = {
  document: 'docs/openapi.json',
  types: 'admin-ui/src/api/schema.d.ts',
} as const;

type ContractFile = keyof typeof CONTRACT_FILES;
export type Contract = Record<ContractFile, string>;

/** The repository: the nearest folder up with package.json (this file also runs from dist/). */
function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('openapi-contract: no package.json above this file');
    dir = parent;
  }
  return dir;
}

const ROOT = repositoryRoot();

const TYPES_HEADER = `${COMMENT_HEADER}/*
 * The API as the server describes it (docs/openapi.json). Regenerate with \`npm run openapi\`;
 * import the types through the feature's types.ts, e.g. components['schemas']['OrderDetail'].
 */

`;

/** Both files exactly as they are committed, from the description of the running application. */
export async function renderContract(document: object): Promise<Contract> {
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const ast = await openapiTS(JSON.parse(json) as OpenAPI3, { silent: true });
  return { document: json, types: TYPES_HEADER + astToString(ast) };
}

export async function readContract(): Promise<Partial<Contract>> {
  const read = async (file: string) => readFile(path.join(ROOT, file), 'utf8').catch(() => undefined);
  return { document: await read(CONTRACT_FILES.document), types: await read(CONTRACT_FILES.types) };
}

export async function writeContract(contract: Contract): Promise<void> {
  for (const key of Object.keys(CONTRACT_FILES) as ContractFile[]) {
    const file = path.join(ROOT, CONTRACT_FILES[key]);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, contract[key]);
  }
}

/** The committed files that differ from the rendered ones, each with what to do about it. */
export function staleFiles(rendered: Contract, committed: Partial<Contract>): string[] {
  return (Object.keys(CONTRACT_FILES) as ContractFile[])
    .filter((key) => committed[key] !== rendered[key])
    .map((key) => `${CONTRACT_FILES[key]} is not what the application describes: run npm run openapi`);
}
