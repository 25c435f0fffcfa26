// Restart policies: Docker's validation wording, the decisions, and the back-off with a fake clock.
import { checkRestartPolicy, nextDelay, RestartScheduler, shouldRestart, startsWithDaemon, type Timers } from '../../src/core/restart-policy';

describe('checkRestartPolicy', () => {
  it('accepts the policies Docker accepts', () => {
    for (const p of [{ Name: '', MaximumRetryCount: 0 }, { Name: '', MaximumRetryCount: 5 }, { Name: 'no', MaximumRetryCount: 0 }, { Name: 'always', MaximumRetryCount: 0 }, { Name: 'unless-stopped', MaximumRetryCount: 0 }, { Name: 'on-failure', MaximumRetryCount: 3 }]) {
      expect(() => checkRestartPolicy(p, false)).not.toThrow();
    }
    expect(() => checkRestartPolicy({ Name: 'no', MaximumRetryCount: 0 }, true)).not.toThrow();
  });

  it("refuses with Docker's messages", () => {
    expect(() => checkRestartPolicy({ Name: 'always', MaximumRetryCount: 2 }, false)).toThrow("invalid restart policy: maximum retry count can only be used with 'on-failure'");
    expect(() => checkRestartPolicy({ Name: 'always', MaximumRetryCount: -1 }, false)).toThrow("can only be used with 'on-failure' and cannot be negative");
    expect(() => checkRestartPolicy({ Name: 'on-failure', MaximumRetryCount: -1 }, false)).toThrow('invalid restart policy: maximum retry count cannot be negative');
    expect(() => checkRestartPolicy({ Name: 'sometimes', MaximumRetryCount: 0 }, false)).toThrow("invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
    expect(() => checkRestartPolicy({ Name: 'always', MaximumRetryCount: 0 }, true)).toThrow("can't create 'AutoRemove' container with restart policy");
  });
});

describe('shouldRestart', () => {
  const facts = { exitCode: 0, manuallyStopped: false, restartCount: 0 };
  it('follows the policy', () => {
    expect(shouldRestart(undefined, facts)).toBe(false);
    expect(shouldRestart({ Name: 'no', MaximumRetryCount: 0 }, { ...facts, exitCode: 1 })).toBe(false);
    expect(shouldRestart({ Name: 'always', MaximumRetryCount: 0 }, facts)).toBe(true);
    expect(shouldRestart({ Name: 'unless-stopped', MaximumRetryCount: 0 }, facts)).toBe(true);
    expect(shouldRestart({ Name: 'on-failure', MaximumRetryCount: 0 }, facts)).toBe(false);
    expect(shouldRestart({ Name: 'on-failure', MaximumRetryCount: 0 }, { ...facts, exitCode: 3, restartCount: 100 })).toBe(true);
  });

  it('stops on-failure after N restarts', () => {
    const p = { Name: 'on-failure', MaximumRetryCount: 3 };
    expect([0, 1, 2, 3].map((restartCount) => shouldRestart(p, { ...facts, exitCode: 3, restartCount }))).toEqual([true, true, true, false]);
  });

  it('never restarts after a stop by the user', () => {
    for (const Name of ['always', 'unless-stopped', 'on-failure']) expect(shouldRestart({ Name, MaximumRetryCount: 0 }, { exitCode: 137, manuallyStopped: true, restartCount: 0 })).toBe(false);
  });

  it('decides the start-up restarts', () => {
    expect(startsWithDaemon({ Name: 'always', MaximumRetryCount: 0 }, true)).toBe(true);
    expect(startsWithDaemon({ Name: 'unless-stopped', MaximumRetryCount: 0 }, false)).toBe(true);
    expect(startsWithDaemon({ Name: 'unless-stopped', MaximumRetryCount: 0 }, true)).toBe(false);
    expect(startsWithDaemon({ Name: 'on-failure', MaximumRetryCount: 0 }, false)).toBe(false);
    expect(startsWithDaemon(undefined, false)).toBe(false);
  });
});

describe('back-off', () => {
  it('doubles from 100 ms up to a minute and resets after a 10 s run', () => {
    let d = 0;
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) seen.push((d = nextDelay(d, 50)));
    expect(seen).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000]);
    expect(nextDelay(60000, 10_000)).toBe(100);
  });

  it('schedules, cancels and resets with an injected clock', () => {
    const due: Array<{ at: number; fn: () => void; live: boolean }> = [];
    let now = 0;
    const timers: Timers = {
      setTimeout: (fn, ms) => {
        const t = { at: now + ms, fn, live: true };
        due.push(t);
        return t;
      },
      clearTimeout: (h) => void ((h as { live: boolean }).live = false),
    };
    const advance = (ms: number) => {
      now += ms;
      for (const t of due) if (t.live && t.at <= now) (t.live = false), t.fn();
    };
    const s = new RestartScheduler(timers);
    const fired: string[] = [];
    expect(s.schedule('a', 0, () => fired.push('a1'))).toBe(100);
    advance(99);
    expect(fired).toEqual([]);
    advance(1);
    expect(fired).toEqual(['a1']);
    expect(s.schedule('a', 0, () => fired.push('a2'))).toBe(200);
    expect(s.isPending('a')).toBe(true);
    s.cancel('a');
    advance(1000);
    expect(fired).toEqual(['a1']);
    expect(s.schedule('a', 0, () => fired.push('a3'))).toBe(400);
    s.reset('a');
    expect(s.schedule('a', 0, () => fired.push('a4'))).toBe(100);
    s.cancelAll();
    advance(1000);
    expect(fired).toEqual(['a1']);
  });
});
