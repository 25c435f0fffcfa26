// Restart policies and healthchecks with the real docker CLI against skiffd: on-failure's limit,
// "always" after a kill -9 of the main process and across a SIGKILL of skiffd, `docker stop`
// that sticks, and a healthcheck going starting -> healthy -> unhealthy.
import * as fs from 'node:fs';
import { canRunSkiffd, SkiffdHarness, sleep, until } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker restart policies against skiffd', () => {
  jest.setTimeout(60_000);
  const h = new SkiffdHarness();
  const state = async (name: string, format: string) => h.dockerOk(['inspect', '--format', format, name]);

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('on-failure:3 restarts a failing container three times, then leaves it exited', async () => {
    await h.dockerOk(['run', '-d', '--name', 'rh-fail', '--restart', 'on-failure:3', 'busybox', 'sh', '-c', 'exit 3']);
    // Back-off 100 + 200 + 400 ms.
    await until(async () => (await state('rh-fail', '{{.State.Status}} {{.RestartCount}}')) === 'exited 3', 15_000, 'three restarts then exited');
    await sleep(1_000);
    expect(await state('rh-fail', '{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}')).toBe('exited 3 3 on-failure:3');
    await h.dockerOk(['rm', 'rh-fail']);
  });

  it('always: back after a kill -9 of the main process; not after docker stop', async () => {
    await h.dockerOk(['run', '-d', '--name', 'rh-always', '--restart', 'always', 'busybox', 'sleep', '1000']);
    const pid = Number(await state('rh-always', '{{.State.Pid}}'));
    process.kill(pid, 'SIGKILL');
    await until(async () => (await state('rh-always', '{{.State.Status}} {{.RestartCount}}')) === 'running 1', 15_000, 'restarted');
    expect(Number(await state('rh-always', '{{.State.Pid}}'))).not.toBe(pid);

    expect(await h.dockerOk(['stop', '-t', '1', 'rh-always'])).toBe('rh-always');
    await sleep(1_000);
    expect(await state('rh-always', '{{.State.Status}}')).toBe('exited');
    await h.dockerOk(['start', 'rh-always']);
    expect(await state('rh-always', '{{.State.Status}} {{.RestartCount}}')).toBe('running 0');
    await h.dockerOk(['rm', '-f', 'rh-always']);
  });

  it('always: a container that exited while skiffd was down is started again', async () => {
    await h.dockerOk(['run', '-d', '--name', 'rh-down', '--restart', 'always', 'busybox', 'sleep', '1000']);
    const pid = Number(await state('rh-down', '{{.State.Pid}}'));
    await h.stop('SIGKILL');
    process.kill(pid, 'SIGKILL');
    await until(() => !fs.existsSync(`/proc/${pid}`), 5_000, 'the process gone');
    await h.start();
    await until(async () => (await state('rh-down', '{{.State.Status}}')) === 'running', 15_000, 'restarted after skiffd came back');
    expect(Number(await state('rh-down', '{{.State.Pid}}'))).not.toBe(pid);
    await h.dockerOk(['rm', '-f', 'rh-down']);
  });

  it('healthcheck: starting, healthy once the probe succeeds, unhealthy after two failures; resumed after a skiffd restart', async () => {
    const since = String(Math.floor(Date.now() / 1000) - 1);
    await h.dockerOk(['run', '-d', '--name', 'rh-health', '--health-cmd', 'test -f /tmp/ok', '--health-interval', '1s', '--health-retries', '2', 'busybox', 'sleep', '1000']);
    const health = () => state('rh-health', '{{.State.Health.Status}}');
    expect(await health()).toBe('starting');
    expect(await h.dockerOk(['ps', '--filter', 'name=rh-health', '--format', '{{.Status}}'])).toMatch(/^Up .* \(health: starting\)$/);
    await h.dockerOk(['exec', 'rh-health', 'touch', '/tmp/ok']);
    await until(async () => (await health()) === 'healthy', 10_000, 'healthy');
    expect(await h.dockerOk(['ps', '--filter', 'health=healthy', '--format', '{{.Names}} {{.Status}}'])).toMatch(/^rh-health Up .* \(healthy\)$/);
    await h.dockerOk(['exec', 'rh-health', 'rm', '/tmp/ok']);
    await until(async () => (await health()) === 'unhealthy', 10_000, 'unhealthy');
    expect(await h.dockerOk(['ps', '--filter', 'name=rh-health', '--format', '{{.Status}}'])).toMatch(/^Up .* \(unhealthy\)$/);
    const log = JSON.parse(await state('rh-health', '{{json .State.Health}}'));
    expect(log.FailingStreak).toBeGreaterThanOrEqual(2);
    expect(log.Log.length).toBeLessThanOrEqual(5);
    expect(log.Log.at(-1).ExitCode).toBe(1);
    const actions = await h.dockerOk(['events', '--since', since, '--until', String(Math.floor(Date.now() / 1000) + 1), '--filter', 'container=rh-health', '--format', '{{.Action}}']);
    expect(actions.split('\n').filter((a) => a.startsWith('health_status'))).toEqual(['health_status: healthy', 'health_status: unhealthy']);

    await h.stop('SIGKILL');
    await h.start();
    await h.dockerOk(['exec', 'rh-health', 'touch', '/tmp/ok']);
    await until(async () => (await health()) === 'healthy', 10_000, 'healthy again after the restart of skiffd');
    await h.dockerOk(['rm', '-f', 'rh-health']);
  });
});
