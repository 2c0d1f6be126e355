import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { everything, freeStaff, massSend, type PersonVerdict, sendMass } from './mass-orders-support.js';
import { addDays, KVAL_SOL, person, SPARR_SOL, VOB_SOL } from './orders-support.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

/** The verdicts as [person, type, rules], for comparing. */
const verdicts = (persons: PersonVerdict[]) =>
  persons.map((p) => [p.personId, p.type, p.violations.map((v) => v.rule)] as const);

/**
 * Rule 8, Mass orders of hundreds in one send: each person is checked with the wizard's rules
 * before sending and again when sending; a send with any refusal, or one the database refuses
 * midway, writes nothing.
 */
describe('mass orders: rules per person, all or none', () => {
  let t: TestApp;
  let today: string;
  let eriho2: Client;
  let pendingPerson: string;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    eriho2 = await signIn(t, 'eriho2');
    [pendingPerson] = await freeStaff(t, 1);
    await sendMass(eriho2, massSend(today, { add: [pendingPerson] }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('checks every person with the reason of each refusal', async () => {
    const res = await eriho2
      .post('/api/mass-orders/check')
      .send({
        assignmentId: VOB_SOL,
        add: [person('nilbo4'), person('majoh6'), person('linma5'), pendingPerson, MISSING],
        remove: [person('petny8'), person('linma5'), person('nilbo4')],
      })
      .expect(200);
    expect(res.body).toMatchObject({ ok: false, violations: [] });
    expect(verdicts((res.body as { persons: PersonVerdict[] }).persons)).toEqual([
      [person('nilbo4'), 'GRANT', []],
      // Ended engagement (and, as it happens, still holding it: the revoke is what she needs).
      [person('majoh6'), 'GRANT', ['NO_ACTIVE_ENGAGEMENT', 'ALREADY_HELD']],
      [person('linma5'), 'GRANT', ['ALREADY_HELD']],
      [pendingPerson, 'GRANT', ['ALREADY_PENDING']],
      [MISSING, 'GRANT', ['UNKNOWN_END_USER']],
      [person('petny8'), 'REVOKE', ['NOT_HELD']],
      [person('linma5'), 'REVOKE', ['DUPLICATE_PERSON']],
      [person('nilbo4'), 'REVOKE', ['DUPLICATE_PERSON', 'NOT_HELD']],
    ]);
    const [, majoh6] = (res.body as { persons: PersonVerdict[] }).persons;
    expect(majoh6.violations[0].message).toBe(
      'Personen saknar aktivt engagemang – endast avslut kan beställas.',
    );
    expect(majoh6.ok).toBe(false);
  });

  it('applies the private-provider rule of Administration Spärr & Logg per person', async () => {
    const res = await eriho2
      .post('/api/mass-orders/check')
      .send({ assignmentId: SPARR_SOL, add: [person('nilbo4'), person('petny8')] })
      .expect(200);
    expect(verdicts((res.body as { persons: PersonVerdict[] }).persons)).toEqual([
      [person('nilbo4'), 'GRANT', ['PRIVATE_PROVIDER_ONLY']],
      [person('petny8'), 'GRANT', []],
    ]);
    expect((res.body as { persons: PersonVerdict[] }).persons[0].violations[0].message).toBe(
      'Uppdraget får bara beställas till personal hos privat vårdgivare.',
    );
  });

  it('refuses granting an assignment that requires local access by mass order, once for the send (rule 12)', async () => {
    const before = await everything(t);
    const add = await freeStaff(t, 2);
    const check = await eriho2
      .post('/api/mass-orders/check')
      .send({ assignmentId: KVAL_SOL, add })
      .expect(200);
    expect(check.body).toMatchObject({
      ok: false,
      violations: [
        {
          rule: 'LOCAL_ACCESS_REQUIRED',
          message:
            'Uppdraget kräver behörighet i lokala eller regionala system: lägg till en behörighetsmall i samma beställning.',
        },
      ],
    });
    expect(verdicts((check.body as { persons: PersonVerdict[] }).persons)).toEqual(
      add.map((id) => [id, 'GRANT', []]),
    );
    await eriho2
      .post('/api/mass-orders')
      .send(massSend(today, { add, assignmentId: KVAL_SOL }))
      .expect(422);
    expect(await everything(t)).toEqual(before);
    // Ending it for many is not held back: only a grant needs the template line.
    const revoke = await eriho2
      .post('/api/mass-orders/check')
      .send({ assignmentId: KVAL_SOL, remove: [person('linma5')] })
      .expect(200);
    expect((revoke.body as { violations: unknown[] }).violations).toEqual([]);
  });

  it('reports the start date and the attestant once, for the whole send', async () => {
    const res = await eriho2
      .post('/api/mass-orders/check')
      .send({
        assignmentId: VOB_SOL,
        add: [person('nilbo4')],
        startDate: addDays(today, -1),
        attestantId: person('nilbo4'),
      })
      .expect(200);
    expect(res.body).toMatchObject({
      ok: false,
      violations: [{ rule: 'START_DATE_IN_PAST' }, { rule: 'ATTESTANT_NOT_ALLOWED' }],
      // Rule 11: and the attestant is the person himself, which is about him alone.
      persons: [
        {
          personId: person('nilbo4'),
          ok: false,
          violations: [
            {
              rule: 'ATTESTANT_IS_END_USER',
              message:
                'Slutanvändaren kan inte vara attestant för sin egen beställning – ingen ger sig själv behörighet ensam. Välj en annan attestant.',
            },
          ],
        },
      ],
    });
  });

  it('refuses a send with any refused person (422) and writes nothing at all', async () => {
    const before = await everything(t);
    const free = await freeStaff(t, 3);
    const res = await eriho2
      .post('/api/mass-orders')
      .send(massSend(today, { add: [...free, person('linma5')], remove: [person('petny8')] }))
      .expect(422);
    expect(res.body).toMatchObject({
      type: 'urn:beh:problem:mass-order-rule',
      detail: '2 personer kan inte tas med; se orsaken vid var och en.',
      violations: [],
    });
    expect(verdicts((res.body as { persons: PersonVerdict[] }).persons)).toEqual([
      [person('linma5'), 'GRANT', ['ALREADY_HELD']],
      [person('petny8'), 'REVOKE', ['NOT_HELD']],
    ]);
    expect(await everything(t)).toEqual(before);
  });

  it('refuses a send dated yesterday or with an attestant who may not attest, writing nothing', async () => {
    const before = await everything(t);
    const add = await freeStaff(t, 2);
    const past = await eriho2
      .post('/api/mass-orders')
      .send(massSend(addDays(today, -1), { add }))
      .expect(422);
    expect(past.body).toMatchObject({
      detail: 'Startdatumet får inte vara tidigare än i dag.',
      violations: [{ rule: 'START_DATE_IN_PAST' }],
      persons: [],
    });
    const attestant = await eriho2
      .post('/api/mass-orders')
      .send(massSend(today, { add, attestantId: person('nilbo4') }))
      .expect(422);
    expect(attestant.body).toMatchObject({ violations: [{ rule: 'ATTESTANT_NOT_ALLOWED' }] });
    expect(await everything(t)).toEqual(before);
  });

  it('refuses a send without persons or with malformed ones (400)', async () => {
    const empty = await eriho2
      .post('/api/mass-orders')
      .send(massSend(today, { add: [], remove: [] }))
      .expect(400);
    expect(empty.body).toMatchObject({ errors: { add: ['Lägg till eller ta bort minst en person.'] } });
    const bad = await eriho2
      .post('/api/mass-orders')
      .send(massSend(today, { add: ['nilbo4'] }))
      .expect(400);
    expect(bad.body).toMatchObject({ errors: { add: ['måste vara en lista med giltiga id'] } });
  });

  // A test-only trigger makes the database refuse one row of the send: the whole batch goes.
  it.each([
    ['the last order line', 'vmu_order_item', 'NEW.end_user_id = $target'],
    ['the batch mail, the very last insert', 'mail_outbox', `NEW.template = 'BATCH_AWAITING_ATTEST'`],
  ])('leaves nothing behind when the database refuses %s', async (_what, table, condition) => {
    const add = await freeStaff(t, 5);
    const target = add[add.length - 1];
    await t.dataSource.query(`
      CREATE FUNCTION mass_order_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF ${condition.replace('$target', `'${target}'::uuid`)} THEN
          RAISE EXCEPTION 'test: refused by the database';
        END IF;
        RETURN NEW;
      END $fn$`);
    await t.dataSource.query(`
      CREATE TRIGGER mass_order_test_refuse BEFORE INSERT ON ${table}
        FOR EACH ROW EXECUTE FUNCTION mass_order_test_refuse()`);
    try {
      const before = await everything(t);
      const res = await eriho2
        .post('/api/mass-orders')
        .send(massSend(today, { add, remove: [person('linma5')] }))
        .expect(500);
      expect(res.body).toMatchObject({ status: 500 });
      expect(await everything(t)).toEqual(before);
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM vmu_order_item WHERE end_user_id = ANY($1::uuid[])',
        [add],
      );
      expect(n).toBe(0);
    } finally {
      await t.dataSource.query(`DROP TRIGGER mass_order_test_refuse ON ${table}`);
      await t.dataSource.query('DROP FUNCTION mass_order_test_refuse()');
    }
  });

  it('lets one of two sends naming the same person win; the other writes nothing', async () => {
    const [shared, a, b] = await freeStaff(t, 3);
    const before = await everything(t);
    const results = await Promise.all([
      eriho2.post('/api/mass-orders').send(massSend(today, { add: [a, shared] })),
      eriho2.post('/api/mass-orders').send(massSend(today, { add: [b, shared] })),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(201);
    expect([409, 422]).toContain(statuses[1]);
    const loser = results.find((r) => r.status !== 201);
    expect(verdicts((loser?.body as { persons: PersonVerdict[] }).persons)).toEqual([
      [shared, 'GRANT', ['ALREADY_PENDING']],
    ]);
    expect(await everything(t)).toMatchObject({ orders: before.orders + 2, batches: before.batches + 1 });
  });
});
