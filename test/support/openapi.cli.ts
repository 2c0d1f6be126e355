import 'reflect-metadata';
import { describeApi } from '../../server/src/app.factory.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { CONTRACT_FILES, renderContract, writeContract } from './openapi-contract.js';

/**
 * `npm run openapi`: writes the OpenAPI description (docs/openapi.json) and the admin UI's types
 * generated from it (admin-ui/src/api/schema.d.ts). Needs no database. Commit both: the openapi
 * e2e test fails while they differ from what the application describes.
 */
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', UI_DIR: '', SEED_ON_EMPTY: 'false' });
await writeContract(await renderContract(await describeApi(config)));
console.log(`Wrote ${CONTRACT_FILES.document} and ${CONTRACT_FILES.types}.`);
