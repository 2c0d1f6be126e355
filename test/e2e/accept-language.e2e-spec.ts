import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ATTEST_RULE_MESSAGES } from '../../server/src/attest/attest.errors.js';
import { Clock } from '../../server/src/common/clock.js';
import { RULE_TEXTS } from '../../server/src/common/messages/en.js';
import { english, languageOf } from '../../server/src/common/messages/localize.js';
import { PERSONNUMMER_MESSAGES } from '../../server/src/common/personnummer.js';
import { MASS_RULE_MESSAGES } from '../../server/src/mass-orders/mass-orders.errors.js';
import { RULE_MESSAGES } from '../../server/src/orders/orders.errors.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDays, person, send, VOB_SOL } from './orders-support.js';

const SWEDISH = /[åäöÅÄÖ]/;

/**
 * Issue 13, point 8: the API's messages (problem `title`, `detail`, `errors`, rule texts) follow
 * the `Accept-Language` the UI sends; Swedish when there is none or it names a language the portal
 * does not speak.
 */
describe('messages in the language of Accept-Language', () => {
  let t: TestApp;
  let today: string;
  let eriho2: Client;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    eriho2 = await signIn(t, 'eriho2');
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads the language of the header: English only when it is preferred over Swedish', () => {
    expect(languageOf(undefined)).toBe('sv');
    expect(languageOf('')).toBe('sv');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('en-GB,en;q=0.9')).toBe('en');
    expect(languageOf('sv-SE,sv;q=0.9,en;q=0.8')).toBe('sv');
    expect(languageOf('de')).toBe('sv');
    expect(languageOf('de,en;q=0.5')).toBe('en');
    expect(languageOf('en;q=0,sv;q=0.1')).toBe('sv');
    expect(languageOf('*')).toBe('sv');
  });

  it('has English for every rule an order, a mass order or an attest can break', () => {
    const codes = [
      ...Object.keys(RULE_MESSAGES),
      ...Object.keys(MASS_RULE_MESSAGES),
      ...Object.keys(ATTEST_RULE_MESSAGES),
    ];
    for (const code of codes) {
      const text = RULE_TEXTS[code] ?? english(messageOf(code));
      expect([code, SWEDISH.test(text)]).toEqual([code, false]);
    }
    for (const text of [
      ...Object.values(RULE_MESSAGES),
      ...Object.values(ATTEST_RULE_MESSAGES),
      ...Object.values(PERSONNUMMER_MESSAGES),
    ])
      expect([text, SWEDISH.test(english(text))]).toEqual([text, false]);
  });

  it('translates sentences with values in them, and keeps Swedish it does not know', () => {
    expect(english('VoB SJF: Startdatumet får inte vara tidigare än i dag.')).toBe(
      'VoB SJF: The start date cannot be earlier than today.',
    );
    expect(english('Beställningen hittades inte.')).toBe('The order was not found.');
    expect(english('För många signeringsförsök på kort tid. Försök igen om 30 sekunder.')).toBe(
      'Too many signing attempts in a short time. Try again in 30 seconds.',
    );
    expect(english('Fältet comment är för långt.')).toBe('The field comment is too long.');
    expect(
      english(
        'Beställningen har 2 varningar; se de markerade raderna. Bekräfta varningarna och skicka igen för att beställa ändå.',
      ),
    ).toBe(
      'The order has 2 warnings; see the marked lines. Confirm the warnings and send again to order anyway.',
    );
    expect(english('Fel PIN-kod. Du har 2 försök kvar.')).toBe('Wrong PIN. You have 2 tries left.');
    // Unknown: Swedish as it is, never half translated.
    expect(english('Något helt nytt: Startdatumet är okänt.')).toBe(
      'Något helt nytt: Startdatumet är okänt.',
    );
  });

  const refusedOrder = (language?: string) => {
    const req = eriho2.post('/api/orders').send(send('nilbo4', [VOB_SOL], addDays(today, -1)));
    return (language === undefined ? req : req.set('Accept-Language', language)).expect(422);
  };

  it('answers an order refusal in English: title, detail and every rule text', async () => {
    const res = await refusedOrder('en-GB,en;q=0.9');
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers.vary).toMatch(/Accept-Language/i);
    const body = res.body as {
      title: string;
      detail: string;
      violations: { rule: string; message: string }[];
    };
    expect(body.title).toBe('Validation error');
    expect(body.violations.map((v) => v.rule)).toContain('START_DATE_IN_PAST');
    expect(body.violations.find((v) => v.rule === 'START_DATE_IN_PAST')?.message).toBe(
      'The start date cannot be earlier than today.',
    );
    for (const v of body.violations) expect([v.rule, SWEDISH.test(v.message)]).toEqual([v.rule, false]);
    expect(body.detail).not.toMatch(SWEDISH);
    expect(body.detail).toMatch(/^The order breaks \d+ rules|cannot|Choose/);
  });

  it.each([[undefined], ['sv'], ['sv-SE'], ['de'], ['fr-FR,de;q=0.8']])(
    'answers the same refusal in Swedish for Accept-Language %s',
    async (language) => {
      const res = await refusedOrder(language);
      const body = res.body as { title: string; violations: { rule: string; message: string }[] };
      expect(body.title).toBe('Valideringsfel');
      expect(body.violations.find((v) => v.rule === 'START_DATE_IN_PAST')?.message).toBe(
        'Startdatumet får inte vara tidigare än i dag.',
      );
    },
  );

  it('answers field errors of a validation problem in English', async () => {
    const en = await eriho2
      .post('/api/orders')
      .set('Accept-Language', 'en')
      .send({ type: 'GRANT' })
      .expect(400);
    const body = en.body as { title: string; detail: string; errors: Record<string, string[]> };
    expect(body.title).toBe('Bad request');
    expect(body.detail).toBe('One or more fields are incorrect.');
    expect(Object.keys(body.errors).length).toBeGreaterThan(0);
    for (const [field, messages] of Object.entries(body.errors))
      for (const message of messages)
        expect([field, message, SWEDISH.test(message)]).toEqual([field, message, false]);
    const sv = await eriho2.post('/api/orders').send({ type: 'GRANT' }).expect(400);
    expect((sv.body as { detail: string }).detail).toBe('En eller flera uppgifter är felaktiga.');
  });

  it("answers the access catalogue's refusals in English", async () => {
    const admin1 = await signIn(t, 'admin1');
    const [system] = await t.dataSource.query<{ name: string }[]>(
      `SELECT name FROM local_system WHERE fulfilment = 'MANUAL' ORDER BY name LIMIT 1`,
    );
    const taken = await admin1
      .post('/api/local-systems')
      .set('Accept-Language', 'en')
      .send({ name: system.name, owner: 'Test', fulfilment: 'SCIM', scimBaseUrl: 'ftp://x' })
      .expect(400);
    const errors = (taken.body as { errors: Record<string, string[]> }).errors;
    expect(errors.scimBaseUrl).toEqual([
      'must be an http or https address, e.g. https://scim.example.se/scim/v2',
    ]);
    const empty = await admin1
      .post('/api/access-templates')
      .set('Accept-Language', 'en')
      .send({
        operationId: '00000000-0000-4000-8000-000000000000',
        name: 'X',
        roleIds: [],
        professionIds: [],
      })
      .expect(400);
    expect((empty.body as { errors: Record<string, string[]> }).errors).toMatchObject({
      roleIds: ['must contain at least one role'],
      professionIds: ['must contain at least one profession'],
    });
  });

  it('answers not signed in and not found in English', async () => {
    const anonymous = await request(t.http).get('/api/orders').set('Accept-Language', 'en').expect(401);
    expect(anonymous.body).toMatchObject({
      title: 'Not signed in',
      detail: 'You are not signed in, or your session has expired.',
    });
    const svAnonymous = await request(t.http).get('/api/orders').expect(401);
    expect(svAnonymous.body).toMatchObject({ title: 'Inte inloggad' });

    const missing = await eriho2
      .get('/api/orders/00000000-0000-4000-8000-000000000000')
      .set('Accept-Language', 'en')
      .expect(404);
    expect(missing.body).toMatchObject({ title: 'Not found', detail: 'The order was not found.' });
  });

  it("answers a mass order's check (a 200, not a refusal) with English rule texts", async () => {
    const body = { assignmentId: VOB_SOL, add: [person('majoh6')], startDate: addDays(today, -1) };
    const en = await eriho2
      .post('/api/mass-orders/check')
      .set('Accept-Language', 'en')
      .send(body)
      .expect(200);
    const verdict = en.body as {
      violations: { rule: string; message: string }[];
      persons: { violations: { rule: string; message: string }[] }[];
    };
    expect(verdict.violations.find((v) => v.rule === 'START_DATE_IN_PAST')?.message).toBe(
      'The start date cannot be earlier than today.',
    );
    expect(verdict.persons[0].violations.find((v) => v.rule === 'NO_ACTIVE_ENGAGEMENT')?.message).toBe(
      'The person has no active engagement – only a revocation can be ordered.',
    );
    const sv = await eriho2.post('/api/mass-orders/check').send(body).expect(200);
    expect(
      (sv.body as typeof verdict).persons[0].violations.find((v) => v.rule === 'NO_ACTIVE_ENGAGEMENT')
        ?.message,
    ).toBe('Personen saknar aktivt engagemang – endast avslut kan beställas.');
  });
});

function messageOf(code: string): string {
  const all: Record<string, string> = { ...RULE_MESSAGES, ...MASS_RULE_MESSAGES, ...ATTEST_RULE_MESSAGES };
  return all[code];
}
