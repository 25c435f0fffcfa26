// The warm shim pool over a fake launcher: fills to size, refills after a take, and a clean stop
// shuts down every idle shim, including one whose start was in flight, and removes its directory.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ShimHandle, ShimLauncher, ShimMethod } from '../../src/runtime/shim-port';
import { WarmShimPool } from '../../src/runtime/warm-pool';

class FakeLauncher implements ShimLauncher {
  readonly calls: string[] = [];
  private pendingStart: (() => void) | undefined;
  holdStarts = false;

  async start(shimId: string, _namespace: string, workDir: string): Promise<string> {
    fs.mkdirSync(workDir, { recursive: true });
    if (this.holdStarts) await new Promise<void>((resolve) => (this.pendingStart = resolve));
    return `unix:///fake/${shimId}`;
  }

  releaseStart(): void {
    this.pendingStart?.();
  }

  connect(address: string): ShimHandle {
    return {
      address,
      call: async (method: ShimMethod) => {
        this.calls.push(`${method} ${address}`);
        return {};
      },
      follow: () => undefined,
      close: () => this.calls.push(`close ${address}`),
    };
  }

  async deleteLost(): Promise<never> {
    throw new Error('not used');
  }
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warm-pool-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('fills each namespace to its size and starts a replacement after a take', async () => {
  const launcher = new FakeLauncher();
  const pool = new WarmShimPool(launcher, dir, 2, ['a', 'b'], () => undefined);
  await pool.refill();
  expect([pool.idleCount('a'), pool.idleCount('b')]).toEqual([2, 2]);
  expect(pool.take('a')).toMatchObject({ namespace: 'a' });
  expect(pool.idleCount('a')).toBe(1);
  await new Promise((r) => setTimeout(r, 10));
  await pool.refill();
  expect(pool.idleCount('a')).toBe(2);
  await pool.stop();
});

it('a clean stop shuts the idle shims down, waits for a start in flight, and leaves no directory', async () => {
  const launcher = new FakeLauncher();
  const pool = new WarmShimPool(launcher, dir, 2, ['ns'], () => undefined);
  launcher.holdStarts = true;
  const filling = pool.refill();
  const stopped = pool.stop();
  launcher.releaseStart();
  await Promise.all([filling, stopped]);
  const shutdowns = launcher.calls.filter((c) => c.startsWith('Shutdown'));
  expect(shutdowns).toHaveLength(1);
  expect(pool.idleCount('ns')).toBe(0);
  expect(fs.readdirSync(path.join(dir, 'ns'))).toEqual([]);
  // Stopped for good: no refill starts another.
  await pool.refill();
  expect(pool.idleCount('ns')).toBe(0);
});

it('takes a used shim back while it has room, hands it out without a connection, and forgets a dead one', async () => {
  const launcher = new FakeLauncher();
  const pool = new WarmShimPool(launcher, dir, 1, ['ns'], () => undefined, 60_000);
  const used = { shimId: 'warm/used', namespace: 'ns', address: 'unix:///fake/used', dir: path.join(dir, 'ns', 'warm-used') };
  expect(pool.recycle(used)).toBe(true);
  // Full: the next one is retired by its owner instead.
  expect(pool.recycle({ ...used, shimId: 'warm/other', address: 'unix:///fake/other' })).toBe(false);
  expect(pool.take('ns')).toEqual(used);
  expect(pool.recycle(used)).toBe(true);
  pool.forget(used.address);
  expect(pool.idleCount('ns')).toBe(0);
  await pool.stop();
  expect(pool.recycle(used)).toBe(false);
});
