/** Building a world as it was on an earlier day, for rules that look back (e.g. a delegation granted in January). */
import { Clock } from '../../server/src/common/clock.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Runs `build` with the application's clock in the middle of `day` (Stockholm), then lets time run
 * again: what it grants starts that day, as if it had been made then, through the same services
 * and rules (rule 20: a delegation starts today or later, never earlier).
 */
export async function asOf<T>(t: TestApp, day: string, build: () => Promise<T>): Promise<T> {
  const clock = t.app.get(Clock);
  clock.set(new Date(`${day}T10:00:00Z`));
  try {
    return await build();
  } finally {
    clock.set(undefined);
  }
}
