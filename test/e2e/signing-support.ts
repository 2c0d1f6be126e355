import type { EntityManager } from 'typeorm';
import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../../server/src/common/problem.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import { SigningService } from '../../server/src/signing/signing.service.js';
import type {
  JsonObject,
  SignRequestRecord,
  VerifiedSignature,
} from '../../server/src/signing/signing.types.js';
import type { TestApp } from '../support/test-app.js';

/** A kind of sign request that only the signing tests use, with a handler that records its calls. */
export const TEST_KIND = 'SIGNING_TEST';

export interface HandlerCall {
  request: SignRequestRecord;
  signature: VerifiedSignature;
  /** The request's status as the handler's own transaction sees it… */
  statusInside: string;
  /** …and as another connection sees it at the same moment. */
  statusOutside: string;
}

/**
 * Registers the test kind: the payload's `outcome` says whether the handler completes or refuses
 * the way the attest handler will when an order changed meanwhile.
 */
export function registerTestHandler(t: TestApp): HandlerCall[] {
  const calls: HandlerCall[] = [];
  const statusOf = async (m: EntityManager | TestApp['dataSource'], id: string) =>
    (await m.query<{ status: string }[]>('SELECT status FROM sign_request WHERE id = $1', [id]))[0].status;
  t.app.get(SigningService).registerHandler(TEST_KIND, async (m, request, signature) => {
    calls.push({
      request,
      signature,
      statusInside: await statusOf(m, request.id),
      statusOutside: await statusOf(t.dataSource, request.id),
    });
    await m.query(`INSERT INTO signing_test_effect (request_id) VALUES ($1)`, [request.id]);
    if (request.payload.outcome === 'conflict') {
      throw new ProblemException(HttpStatus.CONFLICT, 'order-changed', 'Beställningen har ändrats.');
    }
  });
  return calls;
}

/** A table the test handler writes to, to show its writes share the signing transaction's fate. */
export async function createEffectTable(t: TestApp): Promise<void> {
  await t.dataSource.query('CREATE TABLE signing_test_effect (request_id uuid NOT NULL)');
}

export const personId = (userId: string) => seedId(`person:${userId}`);

export function documentFor(orderNumber: string): string {
  return [
    `Attest av beställning ${orderNumber}`,
    'Beslut: Godkänn',
    'Slutanvändare: Nils Boström (nilbo4)',
    'Behörigheter: VoB SJF, Vårdcentralen Solgläntan',
    '',
  ].join('\n');
}

export async function createRequest(
  t: TestApp,
  signer: string,
  document: string,
  payload: JsonObject = { outcome: 'ok' },
) {
  return t.dataSource.transaction((m) =>
    t.app.get(SigningService).createRequest(m, {
      signerId: personId(signer),
      kind: TEST_KIND,
      purpose: 'Attest av beställning',
      document,
      payload,
    }),
  );
}
