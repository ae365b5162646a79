import { afterAll, beforeAll } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

/**
 * One harness for a whole test file: started before its first test, stopped after its last. What
 * it answers stands in for the started harness in tests and in later hooks (a file's own beforeAll
 * runs after this one); reading it at import time, before anything has started, throws.
 */
export function useHarness(...options: Parameters<typeof startHarness>): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(...options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as Harness, {
    get(_, key) {
      if (!started) throw new Error('The harness starts in beforeAll: use it inside a test or a hook.');
      return Reflect.get(started, key, started);
    },
  });
}
