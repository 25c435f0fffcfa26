// `docker stop` against skiffd: --stop-timeout before SIGKILL, --stop-signal, and a paused
// container (resumed after the signal, as dockerd does).
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker stop against skiffd', () => {
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

  it('stop: --stop-timeout then SIGKILL, --stop-signal, and a paused container', async () => {
    // pid 1 without a handler ignores SIGTERM: the stop waits --stop-timeout, then kills.
    await h.dockerOk(['run', '-d', '--name', 'rh-stop', '--stop-timeout', '1', 'busybox', 'sleep', '1000']);
    const began = Date.now();
    await h.dockerOk(['stop', 'rh-stop']);
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
    expect(await state('rh-stop', '{{.State.Status}} {{.State.ExitCode}}')).toBe('exited 137');
    await h.dockerOk(['rm', 'rh-stop']);

    await h.dockerOk(['run', '-d', '--name', 'rh-sig', '--stop-signal', 'USR1', 'busybox', 'sh', '-c', 'trap "exit 7" USR1; while true; do sleep 0.1; done']);
    await h.dockerOk(['stop', '-t', '5', 'rh-sig']);
    expect(await state('rh-sig', '{{.State.ExitCode}}')).toBe('7');
    await h.dockerOk(['rm', 'rh-sig']);

    await h.dockerOk(['run', '-d', '--name', 'rh-paused', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['pause', 'rh-paused']);
    expect(await h.dockerOk(['stop', '-t', '1', 'rh-paused'])).toBe('rh-paused');
    expect(await state('rh-paused', '{{.State.Status}}')).toBe('exited');
    await h.dockerOk(['rm', 'rh-paused']);
  });
});
