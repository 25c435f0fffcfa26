// `docker events` against skiffd: the lifecycle replayed with --since/--until and filters, and
// events followed live while containers run; and `docker update` reaching the task's cgroup.
import * as fs from 'node:fs';
import { canRunSkiffd, SkiffdHarness, sleep } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

interface Message {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  status?: string;
  id?: string;
  from?: string;
  scope: string;
}

const parse = (out: string): Message[] => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Message);
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** A cgroup file of the process, on cgroup v1 (per controller) or v2 (unified). */
function cgroupFile(pid: number, controller: string, v1: string, v2: string): string {
  const lines = fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n').map((l) => l.split(':'));
  const own = lines.find(([, controllers]) => controllers!.split(',').includes(controller));
  if (own) return fs.readFileSync(`/sys/fs/cgroup/${controller}${own[2]}/${v1}`, 'utf8').trim();
  const unified = lines.find(([hierarchy]) => hierarchy === '0')!;
  return fs.readFileSync(`/sys/fs/cgroup${unified[2]}/${v2}`, 'utf8').trim();
}

describeRoot('docker events against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('replays a container\'s lifecycle between --since and --until, filtered', async () => {
    const since = Date.now() - 1000;
    expect((await h.docker(['run', '--name', 'evc', 'busybox', 'sh', '-c', 'exit 4'])).code).toBe(4);
    await h.dockerOk(['rm', 'evc']);
    await h.dockerOk(['run', '-d', '--name', 'other', 'busybox', 'true']);
    const until = seconds(Date.now() + 1000);
    const all = parse(await h.dockerOk(['events', '--since', seconds(since), '--until', until, '--filter', 'container=evc', '--format', '{{json .}}']));
    expect(all.map((m) => m.Action)).toEqual(['create', 'attach', 'start', 'die', 'destroy']);
    const die = all[3]!;
    expect(die).toMatchObject({ Type: 'container', scope: 'local', status: 'die', from: 'busybox', Actor: { Attributes: { name: 'evc', image: 'busybox', exitCode: '4' } } });
    const starts = await h.dockerOk(['events', '--since', seconds(since), '--until', until, '--filter', 'event=start', '--format', '{{.Actor.Attributes.name}}']);
    expect(starts.split('\n')).toEqual(['evc', 'other']);
  });

  it('docker update sets the memory and pids limits of the running container', async () => {
    await h.dockerOk(['run', '-d', '--name', 'limited', 'busybox', 'sleep', '100']);
    await h.dockerOk(['update', '--memory', '64m', '--memory-swap', '128m', '--pids-limit', '50', 'limited']);
    const pid = Number(await h.dockerOk(['inspect', '--format', '{{.State.Pid}}', 'limited']));
    expect(cgroupFile(pid, 'memory', 'memory.limit_in_bytes', 'memory.max')).toBe(String(64 * 1024 * 1024));
    expect(cgroupFile(pid, 'pids', 'pids.max', 'pids.max')).toBe('50');
    await h.dockerOk(['rm', '-f', 'limited']);
    const missing = await h.docker(['update', '--memory', '64m', 'no-such-container']);
    expect(missing.stderr).toMatch(/No such container/);
  });

  it('follows events live until --until', async () => {
    // Generous: the CLI ends only at --until, and a loaded machine makes the steps slow.
    const following = h.docker(['events', '--until', seconds(Date.now() + 20_000), '--filter', 'type=container', '--format', '{{.Action}} {{.Actor.Attributes.name}}']);
    // The CLI must be subscribed before the first event.
    await sleep(1500);
    await h.dockerOk(['run', '-d', '--name', 'live', 'busybox', 'sleep', '100']);
    await h.dockerOk(['pause', 'live']);
    await h.dockerOk(['unpause', 'live']);
    await h.dockerOk(['exec', 'live', 'true']);
    await h.dockerOk(['rm', '-f', 'live']);
    const r = await following;
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'create live',
      'start live',
      'pause live',
      'unpause live',
      'exec_create: true live',
      'exec_start: true live',
      'exec_die live',
      'kill live',
      'die live',
      'destroy live',
    ]);
  });
});
