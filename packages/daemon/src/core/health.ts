// The healthcheck monitor: runs each probe as an exec'd process in the running container, on its
// interval, killed at its timeout, and records the result (health-config.ts holds the data side).
import type { ContainerService } from './containers';
import type { EventBus, EngineEvent } from './events';
import type { ExecService } from './exec';
import type { Timers } from './restart-policy';
import type { ContainerRecord } from '../store/record';
import { MAX_OUTPUT, probeCommand, type Timing, timing, type ProbeResult, initialHealth, applyProbe } from './health-config';

export interface ProbeRunner {
  /** Runs argv in the container; resolves with the exit code (-1 on timeout) and output. */
  run(containerId: string, argv: string[], timeoutMs: number): Promise<ProbeResult>;
}

/** A probe as a `docker exec` through the exec service, killed at its timeout. */
export function execProbeRunner(execs: ExecService, kill: (pid: number) => void): ProbeRunner {
  return {
    async run(containerId, argv, timeoutMs) {
      const start = new Date();
      let output = '';
      const id = execs.create(containerId, { AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false, Privileged: false, User: '', WorkingDir: '', Cmd: argv });
      try {
        const client = {
          stdout: true,
          stderr: true,
          write: (_s: unknown, chunk: Buffer) => {
            if (output.length < MAX_OUTPUT) output = (output + chunk.toString('utf8')).slice(0, MAX_OUTPUT);
          },
          end: () => undefined,
        };
        try {
          await execs.start(id, client);
        } catch (err) {
          return { start, end: new Date(), exitCode: -1, output: (err as Error).message };
        }
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          execs.exited(id).then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          const pid = execs.get(id).pid;
          if (pid > 0) kill(pid);
          return { start, end: new Date(), exitCode: -1, output: `Health check exceeded timeout (${timeoutMs / 1000}s)` };
        }
        // The last output may still be on its way from the FIFO.
        await new Promise((r) => setTimeout(r, 20));
        return { start, end: new Date(), exitCode: execs.get(id).exitCode ?? -1, output };
      } finally {
        execs.forget(id);
      }
    },
  };
}

export interface HealthMonitorOptions {
  containers: ContainerService;
  events: EventBus;
  runner: ProbeRunner;
  timers?: Timers;
  now?: () => number;
}

/** Runs the probes of the running containers that have a healthcheck. */
export class HealthMonitor {
  private readonly loops = new Map<string, { timer: unknown; startedAt: number }>();
  private unsubscribe: (() => void) | undefined;
  private readonly timers: Timers;
  private readonly now: () => number;

  constructor(private readonly o: HealthMonitorOptions) {
    this.timers = o.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
    this.now = o.now ?? Date.now;
  }

  /** Follows container starts and exits; resumes the probes of the containers already running. */
  begin(): void {
    this.unsubscribe = this.o.events.subscribe((e: EngineEvent) => {
      if (e.Type !== 'container' || !e.Actor?.ID) return;
      if (e.Action === 'start') this.watch(e.Actor.ID, true);
      else if (e.Action === 'die' || e.Action === 'destroy') this.unwatch(e.Actor.ID);
    });
    for (const r of this.o.containers.all()) if (r.State.Status === 'running') this.watch(r.Id, false);
  }

  close(): void {
    this.unsubscribe?.();
    for (const id of [...this.loops.keys()]) this.unwatch(id);
  }

  private config(id: string): { record: ContainerRecord; argv: string[]; t: Timing } | undefined {
    let record: ContainerRecord;
    try {
      record = this.o.containers.get(id);
    } catch {
      return undefined;
    }
    const argv = probeCommand(record.Config.Healthcheck);
    return argv ? { record, argv, t: timing(record.Config.Healthcheck!) } : undefined;
  }

  private watch(id: string, fresh: boolean): void {
    this.unwatch(id);
    const c = this.config(id);
    if (!c) return;
    if (fresh || !c.record.State.Health) this.o.containers.setHealth(id, initialHealth());
    const startedAt = Date.parse(c.record.State.StartedAt) || this.now();
    this.loops.set(id, { timer: undefined, startedAt });
    this.schedule(id);
  }

  private unwatch(id: string): void {
    const loop = this.loops.get(id);
    if (!loop) return;
    this.timers.clearTimeout(loop.timer);
    this.loops.delete(id);
  }

  private schedule(id: string): void {
    const loop = this.loops.get(id);
    const c = this.config(id);
    if (!loop || !c) return;
    // StartInterval applies while the start period lasts and the container is still starting.
    const inStart = this.now() - loop.startedAt < c.t.startPeriodMs && c.record.State.Health?.Status === 'starting';
    loop.timer = this.timers.setTimeout(() => void this.probe(id), inStart && c.record.Config.Healthcheck?.StartInterval ? c.t.startIntervalMs : c.t.intervalMs);
  }

  private async probe(id: string): Promise<void> {
    const loop = this.loops.get(id);
    const c = this.config(id);
    if (!loop || !c) return;
    // A paused container is not probed; its probes go on after unpause.
    if (c.record.State.Status !== 'running') return this.schedule(id);
    const result = await this.o.runner.run(id, c.argv, c.t.timeoutMs).catch((err: Error) => ({ start: new Date(), end: new Date(), exitCode: -1, output: err.message }));
    if (this.loops.get(id) !== loop) return;
    const before = this.o.containers.get(id).State.Health ?? initialHealth();
    const after = applyProbe(before, result, c.t.retries, this.now() - loop.startedAt < c.t.startPeriodMs);
    this.o.containers.setHealth(id, after);
    if (after.Status !== before.Status) this.o.containers.execEvent(id, `health_status: ${after.Status}`, {});
    this.schedule(id);
  }
}
