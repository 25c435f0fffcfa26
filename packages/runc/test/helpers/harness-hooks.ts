import { RuncHarness } from './bundle';
import { becomeSubreaper, reapZombieChildren } from './reaper';

/**
 * A RuncHarness for the enclosing describe, with the hooks every container test needs: the test
 * process adopts detached containers (subreaper), reaps them after each test, and removes every
 * container, bundle and root at the end, whether the tests passed or not.
 */
export function useRuncHarness(): RuncHarness {
  const h = new RuncHarness();
  beforeAll(() => becomeSubreaper());
  afterEach(() => reapZombieChildren());
  afterAll(() => {
    h.cleanup();
    reapZombieChildren();
  });
  return h;
}
