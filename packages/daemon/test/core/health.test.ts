// The healthcheck state machine and monitor with an injected clock and a fake probe runner.
import { HealthMonitor } from '../../src/core/health';
import { applyProbe, initialHealth, mergeHealthcheck, probeCommand, timing, type Health, type ProbeResult } from '../../src/core/health-config';
import type { Timers } from '../../src/core/restart-policy';
import { EventBus } from '../../src/core/events';
import type { ContainerService } from '../../src/core/containers';
import type { ContainerRecord } from '../../src/store/record';

const result = (exitCode: number, output = ''): ProbeResult => ({ start: new Date(0), end: new Date(1), exitCode, output });

describe('healthcheck config', () => {
  it("merges the request over the image and applies Docker's defaults", () => {
    expect(mergeHealthcheck(undefined, undefined)).toBeUndefined();
    const merged = mergeHealthcheck({ Test: ['CMD', 'true'], Interval: 5e9, Retries: 2 }, { Test: [], Interval: 1e9, Timeout: 0 })!;
    expect(merged).toEqual({ Test: ['CMD', 'true'], Interval: 1e9, Retries: 2 });
    expect(timing(merged)).toEqual({ intervalMs: 1000, timeoutMs: 30_000, startPeriodMs: 0, startIntervalMs: 5000, retries: 2 });
    expect(timing({})).toMatchObject({ intervalMs: 30_000, timeoutMs: 30_000, retries: 3 });
  });

  it('turns Test into the probe command', () => {
    expect(probeCommand({ Test: ['NONE'] })).toBeUndefined();
    expect(probeCommand({ Test: ['CMD', 'test', '-f', '/ok'] })).toEqual(['test', '-f', '/ok']);
    expect(probeCommand({ Test: ['CMD-SHELL', 'test -f /ok'] })).toEqual(['/bin/sh', '-c', 'test -f /ok']);
    expect(probeCommand(undefined)).toBeUndefined();
  });
});

describe('applyProbe', () => {
  it('goes starting -> healthy -> unhealthy after `retries` failures, keeping the last 5 results', () => {
    let h: Health = initialHealth();
    h = applyProbe(h, result(0, 'ok'), 3, false);
    expect(h).toMatchObject({ Status: 'healthy', FailingStreak: 0 });
    h = applyProbe(h, result(1), 3, false);
    h = applyProbe(h, result(1), 3, false);
    expect(h).toMatchObject({ Status: 'healthy', FailingStreak: 2 });
    h = applyProbe(h, result(1), 3, false);
    expect(h).toMatchObject({ Status: 'unhealthy', FailingStreak: 3 });
    h = applyProbe(h, result(1), 3, false);
    h = applyProbe(h, result(1), 3, false);
    expect(h.Log).toHaveLength(5);
    expect(applyProbe(h, result(0), 3, false)).toMatchObject({ Status: 'healthy', FailingStreak: 0 });
  });

  it('does not count failures during the start period', () => {
    let h = initialHealth();
    for (let i = 0; i < 5; i++) h = applyProbe(h, result(1), 1, true);
    expect(h).toMatchObject({ Status: 'starting', FailingStreak: 0 });
    expect(h.Log).toHaveLength(5);
    expect(applyProbe(h, result(1), 1, false)).toMatchObject({ Status: 'unhealthy', FailingStreak: 1 });
  });
});

describe('HealthMonitor', () => {
  it('probes on the interval, records the health, publishes health_status, stops at die', async () => {
    let now = 1_000_000;
    const pending: Array<{ at: number; fn: () => void; live: boolean }> = [];
    const timers: Timers = {
      setTimeout: (fn, ms) => {
        const t = { at: now + ms, fn, live: true };
        pending.push(t);
        return t;
      },
      clearTimeout: (h) => void (h && ((h as { live: boolean }).live = false)),
    };
    const advance = async (ms: number) => {
      now += ms;
      for (const t of [...pending]) if (t.live && t.at <= now) (t.live = false), t.fn();
      await new Promise((r) => setImmediate(r));
    };
    const record = {
      Id: 'c1',
      Config: { Healthcheck: { Test: ['CMD', 'probe'], Interval: 1e9, Retries: 2 }, Labels: {} },
      State: { Status: 'running', StartedAt: new Date(now).toISOString() },
    } as unknown as ContainerRecord;
    const events = new EventBus();
    const actions: string[] = [];
    const containers = {
      get: () => record,
      all: () => [record],
      setHealth: (_id: string, h: Health) => void (record.State.Health = h),
      execEvent: (_id: string, action: string) => actions.push(action),
    } as unknown as ContainerService;
    const codes = [1, 0, 1, 1];
    const argvs: string[][] = [];
    const runner = { run: async (_id: string, argv: string[]) => (argvs.push(argv), result(codes.shift() ?? 0)) };
    const monitor = new HealthMonitor({ containers, events, runner, timers, now: () => now });
    monitor.begin();
    expect(record.State.Health).toEqual({ Status: 'starting', FailingStreak: 0, Log: [] });
    await advance(999);
    expect(argvs).toHaveLength(0);
    await advance(1);
    expect(record.State.Health).toMatchObject({ Status: 'starting', FailingStreak: 1 });
    await advance(1000);
    expect(record.State.Health?.Status).toBe('healthy');
    await advance(1000);
    await advance(1000);
    expect(record.State.Health).toMatchObject({ Status: 'unhealthy', FailingStreak: 2 });
    expect(actions).toEqual(['health_status: healthy', 'health_status: unhealthy']);
    events.publish('container', 'die', 'c1', {});
    await advance(5000);
    expect(argvs).toHaveLength(4);
    expect(argvs[0]).toEqual(['probe']);
    monitor.close();
  });
});
