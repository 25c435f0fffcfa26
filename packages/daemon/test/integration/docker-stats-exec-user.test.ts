// The real docker CLI against skiffd: network counters in `docker stats` (eth0 of the
// container's namespace, nothing for host or none networking), and `docker exec -u` with user
// and group names from the container's own /etc/passwd and /etc/group.
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker stats networks and exec -u NAME against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });
  afterEach(async () => {
    if (!h.current) return;
    const left = (await h.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
    if (left.length > 0) await h.docker(['rm', '-f', ...left]);
  });

  const statsOf = async (name: string) => {
    const r = await h.request('GET', `/containers/${name}/stats?stream=false&one-shot=true`);
    expect(r.status).toBe(200);
    return JSON.parse(r.body) as { networks?: Record<string, { rx_bytes: number; tx_bytes: number; rx_packets: number; tx_packets: number }> };
  };

  it('counts the traffic of a bridged container\'s eth0; host and none networking have no networks', async () => {
    await h.dockerOk(['run', '-d', '--name', 'web', 'busybox', 'sh', '-c', 'mkdir /www && echo hello-stats > /www/index.html && exec httpd -f -p 8080 -h /www']);
    await h.dockerOk(['run', '-d', '--name', 'talker', 'busybox', 'sleep', '1000']);
    const ip = await h.dockerOk(['inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'web']);
    const got = await h.dockerOk(['exec', 'talker', 'sh', '-c', `for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://${ip}:8080/ && exit 0; sleep 0.2; done; exit 1`]);
    expect(got).toBe('hello-stats');

    const stats = await statsOf('talker');
    expect(Object.keys(stats.networks ?? {})).toEqual(['eth0']);
    const eth0 = stats.networks!.eth0!;
    expect(eth0.rx_bytes).toBeGreaterThan('hello-stats'.length);
    expect(eth0.tx_bytes).toBeGreaterThan(0);
    expect(eth0.rx_packets).toBeGreaterThan(0);
    expect(eth0).toEqual(expect.objectContaining({ rx_errors: expect.any(Number), rx_dropped: expect.any(Number), tx_errors: expect.any(Number), tx_dropped: expect.any(Number), tx_packets: expect.any(Number) }));

    const netIo = await h.dockerOk(['stats', '--no-stream', '--format', '{{.Name}} {{.NetIO}}', 'talker', 'web']);
    const lines = netIo.split('\n').sort();
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(/^(talker|web) \S+ \/ \S+$/);
      expect(line).not.toMatch(/ 0B \/ 0B$/);
    }

    await h.dockerOk(['run', '-d', '--name', 'isolated', '--network', 'none', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['run', '-d', '--name', 'hostnet', '--network', 'host', 'busybox', 'sleep', '1000']);
    expect(await statsOf('isolated')).not.toHaveProperty('networks');
    expect(await statsOf('hostnet')).not.toHaveProperty('networks');
    const none = await h.dockerOk(['stats', '--no-stream', '--format', '{{.NetIO}}', 'isolated']);
    expect(none).toBe('0B / 0B');
  });

  it('exec -u takes names, uids and groups from the container\'s files, with the user\'s groups and HOME', async () => {
    await h.dockerOk(['run', '-d', '--name', 'users', '--group-add', '60', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['exec', 'users', 'sh', '-c', 'echo nobody:x:65534:65534:nobody:/nonexistent:/bin/false >> /etc/passwd; echo nogroup:x:65534: >> /etc/group; echo staff:x:50:nobody >> /etc/group']);
    const id = await h.dockerOk(['exec', '-u', 'nobody', 'users', 'id']);
    expect(id).toMatch(/^uid=65534\(nobody\) gid=65534\(nogroup\) groups=/);
    const ids = (user: string) => h.dockerOk(['exec', '-u', user, 'users', 'sh', '-c', 'echo $(id -u):$(id -g) $(id -G) $HOME']);
    // GroupAdd of the container (60) applies to execs too, as in dockerd.
    expect(await ids('nobody')).toBe('65534:65534 65534 50 60 /nonexistent');
    expect(await ids('65534')).toBe('65534:65534 65534 50 60 /nonexistent');
    expect(await ids('nobody:staff')).toBe('65534:50 50 60 /nonexistent');
    expect(await ids('nobody:0')).toBe('65534:0 0 60 /nonexistent');
    expect(await ids('4242:4343')).toBe('4242:4343 4343 60 /');
    expect(await ids('root')).toBe('0:0 0 60 /root');

    const unknown = await h.docker(['exec', '-u', 'nobody2', 'users', 'id']);
    expect(unknown.code).toBe(126);
    expect(unknown.stdout + unknown.stderr).toContain('unable to find user nobody2: no matching entries in passwd file');
    const badGroup = await h.docker(['exec', '-u', 'nobody:ghosts', 'users', 'id']);
    expect(badGroup.code).not.toBe(0);
    expect(badGroup.stdout + badGroup.stderr).toContain('unable to find group ghosts: no matching entries in group file');
    const detached = await h.docker(['exec', '-d', '-u', 'nobody2', 'users', 'true']);
    expect(detached.code).not.toBe(0);
    expect(detached.stderr).toContain('Error response from daemon: unable to find user nobody2: no matching entries in passwd file');
    // The container is unharmed.
    expect(await h.dockerOk(['exec', 'users', 'echo', 'still-here'])).toBe('still-here');
  });
});
