// The real docker CLI's volumes, mounts and create-time limits against skiffd: named volumes
// outliving containers, -v binds (read-only too), --mount tmpfs, --volumes-from, the 409 for a
// volume in use, -m in the container's cgroup, capabilities and --read-only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cpuRealtimeSupport } from '../../src/core/system';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker volumes and HostConfig against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('keeps a named volume\'s data across containers; rm of a volume in use is a 409', async () => {
    expect(await h.dockerOk(['volume', 'create', 'vt-data'])).toBe('vt-data');
    await h.dockerOk(['run', '--name', 'vt-writer', '-v', 'vt-data:/data', 'busybox', 'sh', '-c', 'echo kept > /data/f']);
    const busy = await h.docker(['volume', 'rm', 'vt-data']);
    expect(busy.code).not.toBe(0);
    expect(busy.stderr).toContain('remove vt-data: volume is in use - [');
    await h.dockerOk(['rm', 'vt-writer']);
    expect(await h.dockerOk(['run', '--rm', '-v', 'vt-data:/data', 'busybox', 'cat', '/data/f'])).toBe('kept');
    expect(await h.dockerOk(['volume', 'ls', '-q'])).toContain('vt-data');
    expect(JSON.parse(await h.dockerOk(['volume', 'inspect', 'vt-data']))[0]).toMatchObject({ Name: 'vt-data', Driver: 'local', Scope: 'local' });
    expect(await h.dockerOk(['volume', 'rm', 'vt-data'])).toBe('vt-data');

    // The local driver's options: a tmpfs volume, mounted when a container uses it, unmounted at rm.
    await h.dockerOk(['volume', 'create', '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=size=1m', 'vt-tmpfs']);
    expect(await h.dockerOk(['run', '--rm', '-v', 'vt-tmpfs:/t', 'busybox', 'sh', '-c', 'echo in > /t/f; df -k /t | tail -1 | tr -s " " | cut -d" " -f2'])).toBe('1024');
    const mp = JSON.parse(await h.dockerOk(['volume', 'inspect', 'vt-tmpfs']))[0].Mountpoint as string;
    expect(fs.readFileSync(path.join(mp, 'f'), 'utf8')).toBe('in\n');
    await h.dockerOk(['volume', 'rm', 'vt-tmpfs']);
    expect(fs.readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(mp);
  });

  it('binds a host directory with -v, read-only with :ro; --mount refuses a missing source', async () => {
    const host = path.join(h.dir, 'vt-host');
    fs.mkdirSync(host);
    fs.writeFileSync(path.join(host, 'in'), 'from host');
    expect(await h.dockerOk(['run', '--rm', '-v', `${host}:/data`, 'busybox', 'sh', '-c', 'cat /data/in; echo back > /data/out'])).toBe('from host');
    expect(fs.readFileSync(path.join(host, 'out'), 'utf8')).toBe('back\n');
    const ro = await h.docker(['run', '--rm', '-v', `${host}:/data:ro`, 'busybox', 'sh', '-c', 'echo x > /data/out2']);
    expect(ro.code).not.toBe(0);
    expect(ro.stderr).toContain('Read-only file system');
    const made = path.join(h.dir, 'vt-made');
    await h.dockerOk(['run', '--rm', '-v', `${made}:/m`, 'busybox', 'true']);
    expect(fs.statSync(made).isDirectory()).toBe(true);
    const missing = await h.docker(['run', '--rm', '--mount', `type=bind,source=${h.dir}/vt-none,target=/x`, 'busybox', 'true']);
    expect(missing.stderr).toContain(`invalid mount config for type "bind": bind source path does not exist: ${h.dir}/vt-none`);
  });

  it('mounts a tmpfs with --mount type=tmpfs; shares volumes with --volumes-from; rm -v removes anonymous ones', async () => {
    expect(await h.dockerOk(['run', '--rm', '--mount', 'type=tmpfs,target=/scratch,tmpfs-size=1048576', 'busybox', 'sh', '-c', 'grep " /scratch " /proc/mounts | cut -d" " -f3'])).toBe('tmpfs');
    await h.dockerOk(['create', '--name', 'vt-src', '-v', '/shared', 'busybox', 'true']);
    await h.dockerOk(['run', '--rm', '--volumes-from', 'vt-src', 'busybox', 'sh', '-c', 'echo via > /shared/f']);
    expect(await h.dockerOk(['run', '--rm', '--volumes-from', 'vt-src:ro', 'busybox', 'cat', '/shared/f'])).toBe('via');
    const name = await h.dockerOk(['inspect', '--format', '{{(index .Mounts 0).Name}}', 'vt-src']);
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    await h.dockerOk(['rm', '-v', 'vt-src']);
    expect(await h.dockerOk(['volume', 'ls', '-q'])).not.toContain(name);
  });

  it('--cpu-rt-period/--cpu-rt-runtime: the cpu cgroup\'s real-time budget, or dockerd\'s warnings without one', async () => {
    const script = 'cat /sys/fs/cgroup/cpu/cpu.rt_period_us /sys/fs/cgroup/cpu/cpu.rt_runtime_us 2>/dev/null || true';
    const r = await h.docker(['run', '--rm', '--cpu-rt-period', '500000', '--cpu-rt-runtime', '10000', 'busybox', 'sh', '-c', script]);
    expect(r.code).toBe(0);
    if (cpuRealtimeSupport()) expect(r.stdout.split('\n').slice(0, 2)).toEqual(['500000', '10000']);
    else expect(r.stderr).toContain('Your kernel does not support cgroup cpu real-time runtime. Runtime discarded.');
    const over = await h.docker(['run', '--rm', '--cpu-rt-period', '1000', '--cpu-rt-runtime', '2000', 'busybox', 'true']);
    if (cpuRealtimeSupport()) expect(over.stderr).toContain('cpu real-time runtime cannot be higher than cpu real-time period');
  });

  it('-m limits the memory cgroup; --cap-drop ALL --cap-add, --privileged, --read-only, --init', async () => {
    await h.dockerOk(['run', '-d', '--name', 'vt-mem', '-m', '32m', 'busybox', 'sleep', '100']);
    expect(await h.dockerOk(['inspect', '--format', '{{.HostConfig.Memory}}', 'vt-mem'])).toBe(String(32 * 1024 * 1024));
    const pid = await h.dockerOk(['inspect', '--format', '{{.State.Pid}}', 'vt-mem']);
    const line = fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n').find((l) => /:memory:/.test(l) || l.startsWith('0::'))!;
    const cgPath = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
    const v1 = `/sys/fs/cgroup/memory${cgPath}/memory.limit_in_bytes`;
    const limit = fs.existsSync(v1) ? fs.readFileSync(v1, 'utf8') : fs.readFileSync(`/sys/fs/cgroup${cgPath}/memory.max`, 'utf8');
    expect(limit.trim()).toBe(String(32 * 1024 * 1024));
    await h.dockerOk(['rm', '-f', 'vt-mem']);

    const capEff = async (args: string[]) => BigInt(`0x${(await h.dockerOk(['run', '--rm', ...args, 'busybox', 'sh', '-c', 'grep CapEff /proc/self/status'])).split(/\s+/)[1]}`);
    expect(await capEff(['--cap-drop', 'ALL'])).toBe(0n);
    // CAP_NET_ADMIN is 12, CAP_CHOWN 0.
    expect(await capEff(['--cap-drop', 'ALL', '--cap-add', 'NET_ADMIN', '--cap-add', 'CAP_CHOWN'])).toBe((1n << 12n) | 1n);

    const ro = await h.docker(['run', '--rm', '--read-only', 'busybox', 'touch', '/file']);
    expect(ro.code).not.toBe(0);
    expect(ro.stderr).toContain('Read-only file system');
    expect(await h.dockerOk(['run', '--rm', '--read-only', '--tmpfs', '/tmp', 'busybox', 'sh', '-c', 'touch /tmp/ok && echo ok'])).toBe('ok');
    expect(await h.dockerOk(['run', '--rm', '--read-only', '-v', 'vt-ro:/newdir', 'busybox', 'sh', '-c', 'touch /newdir/ok && echo ok'])).toBe('ok');
    await h.dockerOk(['volume', 'rm', 'vt-ro']);
    // --privileged: every capability skiffd holds (its bounding set, as this test's) and the host's devices.
    const bounding = /^CapBnd:\s*([0-9a-f]+)$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1];
    expect(await h.dockerOk(['run', '--rm', '--privileged', 'busybox', 'sh', '-c', 'grep CapEff /proc/self/status | cut -f2; test -c /dev/kmsg && echo kmsg'])).toBe(`${bounding}\nkmsg`);
    // --init: tini is pid 1 and the command its child.
    expect(await h.dockerOk(['run', '--rm', '--init', 'busybox', 'sh', '-c', 'echo $(cat /proc/1/comm) $PPID'])).toBe('docker-init 1');
  });

  it('run --rm takes its anonymous volumes along; volume prune removes unused anonymous ones, -a named ones too', async () => {
    const before = await h.dockerOk(['volume', 'ls', '-q']);
    await h.dockerOk(['run', '--rm', '-v', '/gone', 'busybox', 'true']);
    expect(await h.dockerOk(['volume', 'ls', '-q'])).toBe(before);
    await h.dockerOk(['volume', 'create', 'vt-named']);
    await h.dockerOk(['create', '--name', 'vt-anon', '-v', '/a', 'busybox', 'true']);
    const anon = await h.dockerOk(['inspect', '--format', '{{(index .Mounts 0).Name}}', 'vt-anon']);
    await h.dockerOk(['rm', 'vt-anon']);
    const pruned = await h.dockerOk(['volume', 'prune', '-f']);
    expect(pruned).toContain(anon);
    expect(pruned).not.toContain('vt-named');
    expect(await h.dockerOk(['volume', 'prune', '-af'])).toContain('vt-named');
  });

  it('fills new volumes from the image (copy-up, owners and modes kept); resolves --user names', async () => {
    await h.dockerOk([
      'run', '--name', 'vt-mkimg', 'busybox', 'sh', '-c',
      'echo nobody:x:65534:65534:nobody:/:/bin/false >> /etc/passwd; echo nogroup:x:65534: >> /etc/group; echo wheel:x:10:nobody >> /etc/group; ' +
        'mkdir -p /srv/data; echo seed > /srv/data/f; chown -R 65534:65534 /srv/data; chmod 750 /srv/data',
    ]);
    await h.dockerOk(['commit', '--change', 'VOLUME /srv/data', 'vt-mkimg', 'vt-userimg']);
    await h.dockerOk(['rm', 'vt-mkimg']);
    // The image's VOLUME: an anonymous volume, filled.
    expect(await h.dockerOk(['run', '--rm', 'vt-userimg', 'sh', '-c', 'cat /srv/data/f; stat -c "%u:%g %a" /srv/data /srv/data/f'])).toBe('seed\n65534:65534 750\n65534:65534 644');
    // A new named volume is filled; one with content is not overwritten.
    expect(await h.dockerOk(['run', '--rm', '-v', 'vt-seed:/srv/data', 'vt-userimg', 'sh', '-c', 'cat /srv/data/f; echo mine > /srv/data/f'])).toBe('seed');
    expect(await h.dockerOk(['run', '--rm', '-v', 'vt-seed:/srv/data', 'vt-userimg', 'cat', '/srv/data/f'])).toBe('mine');
    const mountpoint = JSON.parse(await h.dockerOk(['volume', 'inspect', 'vt-seed']))[0].Mountpoint as string;
    expect(fs.statSync(mountpoint).uid).toBe(65534);
    // nocopy leaves it empty.
    expect(await h.dockerOk(['run', '--rm', '-v', 'vt-empty:/srv/data:nocopy', 'vt-userimg', 'ls', '-A', '/srv/data'])).toBe('');
    await h.dockerOk(['volume', 'rm', 'vt-seed', 'vt-empty']);

    expect(await h.dockerOk(['run', '--rm', '--user', 'nobody', 'vt-userimg', 'sh', '-c', 'echo $(id -u):$(id -g) $(id -G)'])).toBe('65534:65534 65534 10');
    expect(await h.dockerOk(['run', '--rm', '--user', 'nobody:root', '--group-add', 'nogroup', 'vt-userimg', 'sh', '-c', 'echo $(id -u):$(id -g) $(id -G)'])).toBe('65534:0 0 65534');
    const ghost = await h.docker(['run', '--rm', '--user', 'ghost', 'vt-userimg', 'true']);
    expect(ghost.stderr).toContain('unable to find user ghost: no matching entries in passwd file');
    await h.dockerOk(['volume', 'prune', '-f']);
    await h.dockerOk(['rmi', 'vt-userimg']);
  });
});

