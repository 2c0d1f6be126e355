import { describe, expect, it } from '@jest/globals';
import { KeptAnswers, type QueueAnswer } from '../../server/src/attest/attest-queue-answers.js';

/** An answer of `bytes` characters, and a maker that counts its makings. */
function maker(bytes: number) {
  const made = { count: 0 };
  const make = (): Promise<QueueAnswer> => {
    made.count += 1;
    return Promise.resolve({ json: 'x'.repeat(bytes) });
  };
  return { made, make };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The attest queue's kept answers in one process (the e2e test attest-queue-answers shows them
 * never stale against the database): what they keep, for how long, and within which bounds.
 */
describe('KeptAnswers', () => {
  it('makes an answer once while the stamp and the day hold, and anew when either moves', async () => {
    const kept = new KeptAnswers();
    const { made, make } = maker(10);
    await kept.answer('sara', '1:0', '2026-12-05', 'page', make);
    await kept.answer('sara', '1:0', '2026-12-05', 'page', make);
    expect(made.count).toBe(1);
    await kept.answer('sara', '2:0', '2026-12-05', 'page', make);
    expect(made.count).toBe(2);
    await kept.answer('sara', '2:0', '2026-12-06', 'page', make);
    expect(made.count).toBe(3);
    // Another attestant's stamp is theirs alone.
    await kept.answer('karin', '7:0', '2026-12-06', 'page', make);
    await kept.answer('sara', '2:0', '2026-12-06', 'page', make);
    expect(made.count).toBe(4);
  });

  it('drops every kept answer of an attestant whose stamp moved, and counts their bytes out', async () => {
    const kept = new KeptAnswers();
    await kept.answer('sara', '1:0', 'd', 'a', maker(100).make);
    await kept.answer('sara', '1:0', 'd', 'b', maker(50).make);
    await settle();
    expect(kept.size).toEqual({ attestants: 1, answers: 2, bytes: 150 });
    await kept.answer('sara', '2:0', 'd', 'a', maker(30).make);
    await settle();
    expect(kept.size).toEqual({ attestants: 1, answers: 1, bytes: 30 });
  });

  it('shares one making between requests that miss together', async () => {
    const kept = new KeptAnswers();
    const { made, make } = maker(10);
    const [a, b] = await Promise.all([
      kept.answer('sara', '1:0', 'd', 'page', make),
      kept.answer('sara', '1:0', 'd', 'page', make),
    ]);
    expect(made.count).toBe(1);
    expect(a).toBe(b);
  });

  it('keeps no failure: the next request makes the answer again', async () => {
    const kept = new KeptAnswers();
    const refused = () => Promise.reject(new Error('400'));
    await expect(kept.answer('sara', '1:0', 'd', 'page', refused)).rejects.toThrow('400');
    await settle();
    expect(kept.size.answers).toBe(0);
    const { made, make } = maker(10);
    await kept.answer('sara', '1:0', 'd', 'page', make);
    expect(made.count).toBe(1);
  });

  it('holds at most its bytes, letting the least recently used attestant go first', async () => {
    const kept = new KeptAnswers(250, 32);
    for (const who of ['a', 'b', 'c']) await kept.answer(who, 's', 'd', 'page', maker(100).make);
    await settle();
    // 300 bytes over 250: a, the least recently used, went.
    expect(kept.size).toEqual({ attestants: 2, answers: 2, bytes: 200 });
    const again = maker(100);
    await kept.answer('b', 's', 'd', 'page', again.make);
    expect(again.made.count).toBe(0);
    // b was used last: d's answer pushes c out, not b.
    await kept.answer('d', 's', 'd', 'page', maker(100).make);
    await settle();
    await kept.answer('b', 's', 'd', 'page', again.make);
    expect(again.made.count).toBe(0);
    const c = maker(100);
    await kept.answer('c', 's', 'd', 'page', c.make);
    expect(c.made.count).toBe(1);
    await settle();
    expect(kept.size.bytes).toBeLessThanOrEqual(250);
  });

  it('holds at most its answers per attestant, the oldest first out, with their bytes', async () => {
    const kept = new KeptAnswers(10_000, 3);
    for (const key of ['p1', 'p2', 'p3', 'p4']) await kept.answer('sara', 's', 'd', key, maker(10).make);
    await settle();
    expect(kept.size).toEqual({ attestants: 1, answers: 3, bytes: 30 });
    const first = maker(10);
    await kept.answer('sara', 's', 'd', 'p1', first.make);
    expect(first.made.count).toBe(1);
    const last = maker(10);
    await kept.answer('sara', 's', 'd', 'p4', last.make);
    expect(last.made.count).toBe(0);
  });
});
