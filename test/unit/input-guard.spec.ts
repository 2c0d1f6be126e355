import { describe, expect, it } from '@jest/globals';
import { checkInput, MAX_JSON_DEPTH, textFault } from '../../server/src/common/input-guard.js';
import { ProblemException } from '../../server/src/common/problem.js';

const problemOf = (run: () => void) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return error.toProblem();
    throw error;
  }
  return undefined;
};

describe('input guard', () => {
  it('takes any text PostgreSQL can store, paired surrogates (emoji) included', () => {
    for (const text of ['', 'Åsa Öberg', 'tab\tand\nnewline', '😀 ✓', '\u0001\u007f', '\uffff']) {
      expect(textFault(text)).toBeUndefined();
    }
  });

  it('refuses NUL and lone surrogates, high or low, wherever they stand', () => {
    for (const text of ['\u0000', 'a\u0000', 'x\ud800', '\ud800x', '\udc00', 'a\udc00\ud800b', '😀\ud83d']) {
      expect(textFault(text)).toMatch(/NUL-tecken|ensamt UTF-16-surrogat/);
    }
  });

  it('names the field where the fault is: members, list items, member names', () => {
    expect(
      problemOf(() => checkInput({ a: [{ b: 'ok' }, { b: 'x\u0000' }] }, '', 'Begärans kropp')),
    ).toMatchObject({
      status: 400,
      type: 'urn:beh:problem:validation',
      errors: { 'a[1].b': [expect.stringMatching(/NUL/)] },
    });
    expect(problemOf(() => checkInput({ q: '\ud800' }, 'filter', 'Parametern filter'))?.errors).toEqual({
      'filter.q': [expect.stringMatching(/surrogat/)],
    });
    expect(problemOf(() => checkInput({ 'k\u0000': 1 }, '', 'Begärans kropp'))?.errors).toEqual({
      'k\\u0000': [expect.stringMatching(/^har ett namn som innehåller ett NUL-tecken/)],
    });
    expect(problemOf(() => checkInput('x\u0000', 'q', 'Frågesträngen'))?.errors).toEqual({
      q: [expect.stringMatching(/NUL/)],
    });
  });

  it(`takes ${MAX_JSON_DEPTH} levels of nesting and refuses one more without walking further`, () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'x' : [nest(levels - 1)]);
    expect(problemOf(() => checkInput(nest(MAX_JSON_DEPTH), '', 'Begärans kropp'))).toBeUndefined();
    expect(problemOf(() => checkInput(nest(MAX_JSON_DEPTH + 1), '', 'Begärans kropp'))).toMatchObject({
      status: 400,
      type: 'urn:beh:problem:too-deep',
      detail: 'Begärans kropp är nästlad i för många nivåer (högst 32).',
    });
    // 100,000 levels (JSON.parse builds it; the check stops at the limit, the stack is not at risk).
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(problemOf(() => checkInput(deep, '', 'Begärans kropp'))?.type).toBe('urn:beh:problem:too-deep');
  });
});
