// POST /containers/create with mounts and resource/security HostConfig fields, over the fake:
// what reaches the OCI spec, what inspect shows, rm -v and AutoRemove with anonymous volumes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuntimeConfig } from '@skiff/oci-spec';
import { hostCapabilities } from '../../src/core/hostconfig';
import { blkioWeightSupport } from '../../src/core/system';
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
  // Creates read the new container's files (copy-up, user names): here an empty root filesystem,
  // which needs no mount; the copy itself is tested in test/core and the integration test.
  d.port.snapshotMounts = async () => [];
});
afterEach(async () => {
  await d.close();
});

const req = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => d.app.inject({ method, url, ...(payload ? { payload } : {}) });
const create = async (body: object) => {
  const r = await req('POST', '/containers/create', { Image: 'busybox', ...body });
  expect(r.statusCode).toBe(201);
  return r.json().Id as string;
};
const specOf = (id: string) => d.port.containers.get(id)!.spec as RuntimeConfig;

it('turns Binds, Mounts and Tmpfs into OCI mounts and inspect Mounts', async () => {
  const host = path.join(d.dir, 'host');
  const existing = fs.mkdtempSync(path.join(d.dir, 'src-'));
  const id = await create({
    HostConfig: {
      Binds: [`${host}:/h:ro`, 'named:/n'],
      Mounts: [
        { Type: 'bind', Source: existing, Target: '/m' },
        { Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 1048576, Mode: 0o700 } },
      ],
      Tmpfs: { '/run': 'size=64k' },
    },
  });
  // -v creates a missing host directory, as dockerd.
  expect(fs.statSync(host).isDirectory()).toBe(true);
  const volumeDir = path.join(d.dir, 'data', 'volumes', 'named', '_data');
  const own = specOf(id).mounts!.filter((m) => ['/h', '/n', '/m', '/t', '/run'].includes(m.destination));
  expect(own).toEqual([
    { destination: '/h', type: 'bind', source: host, options: ['rbind', 'ro', 'rprivate'] },
    { destination: '/n', type: 'bind', source: volumeDir, options: ['rbind', 'rw', 'rprivate'] },
    { destination: '/m', type: 'bind', source: existing, options: ['rbind', 'rw', 'rprivate'] },
    { destination: '/t', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'nodev', 'noexec', 'rw', 'size=1048576', 'mode=700'] },
    { destination: '/run', type: 'tmpfs', source: 'tmpfs', options: ['noexec', 'nosuid', 'nodev', 'size=64k'] },
  ]);
  const inspect = (await req('GET', `/containers/${id}/json`)).json();
  expect(inspect.Mounts).toEqual([
    { Type: 'bind', Source: host, Destination: '/h', Mode: 'ro', RW: false, Propagation: 'rprivate' },
    { Type: 'volume', Name: 'named', Source: volumeDir, Destination: '/n', Driver: 'local', Mode: 'z', RW: true, Propagation: '' },
    { Type: 'bind', Source: existing, Destination: '/m', Mode: '', RW: true, Propagation: 'rprivate' },
    { Type: 'tmpfs', Source: '', Destination: '/t', Mode: '', RW: true, Propagation: '' },
  ]);
  expect(inspect.HostConfig.Binds).toEqual([`${host}:/h:ro`, 'named:/n']);
  expect(inspect.HostConfig.Tmpfs).toEqual({ '/run': 'size=64k' });
});

it('refuses bad mounts with Docker messages before creating anything', async () => {
  const bad = async (HostConfig: object, message: string) => {
    const r = await req('POST', '/containers/create', { Image: 'busybox', HostConfig });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe(message);
  };
  await bad({ Mounts: [{ Type: 'bind', Source: '/does/not/exist', Target: '/x' }] }, 'invalid mount config for type "bind": bind source path does not exist: /does/not/exist');
  await bad({ Mounts: [{ Type: 'bind', Target: '/x' }] }, 'invalid mount config for type "bind": field Source must not be empty');
  await bad({ Mounts: [{ Type: 'tmpfs', Source: 'x', Target: '/x' }] }, 'invalid mount config for type "tmpfs": field Source must not be specified');
  await bad({ Binds: ['/a:/b:xyz'] }, 'invalid mode: xyz');
  await bad({ Binds: ['/a:/b', 'vv:/b'] }, 'Duplicate mount point: /b');
  await bad({ Binds: ['a:b:c:d'] }, "invalid volume specification: 'a:b:c:d'");
  await bad({ Binds: ['v:rel'] }, `invalid volume specification: 'v:rel': invalid mount config for type "volume": invalid mount path: 'rel' mount path must be absolute`);
  await bad({ CapAdd: ['NOPE'] }, 'invalid CapAdd: unknown capability: "CAP_NOPE"');
  await bad({ UsernsMode: 'private' }, 'invalid USER mode: private');
  await bad({ StorageOpt: { size: '1G' } }, "--storage-opt is supported only for overlay over xfs with 'pquota' mount option");
  if (blkioWeightSupport().weight) await bad({ BlkioWeight: 5 }, 'Range of blkio weight is from 10 to 1000');
  expect((await req('GET', '/volumes')).json().Volumes).toEqual([]);
  expect(d.port.containers.size).toBe(0);
});

it('gives image and request Volumes anonymous volumes; rm -v and AutoRemove remove them', async () => {
  d.port.addImage('docker.io/library/withvol:latest', { Cmd: ['sh'], Volumes: { '/var/lib/data': {} } });
  const id = await create({ Image: 'withvol', Volumes: { '/extra': {} } });
  const mounts = (await req('GET', `/containers/${id}/json`)).json().Mounts as Array<{ Name: string; Destination: string }>;
  expect(mounts.map((m) => m.Destination)).toEqual(['/var/lib/data', '/extra']);
  expect((await req('GET', `/containers/${id}/json`)).json().Config.Volumes).toEqual({ '/var/lib/data': {}, '/extra': {} });
  // VolumesFrom shares them (read-only here); removing the first container keeps them while used.
  const other = await create({ HostConfig: { VolumesFrom: [`${id}:ro`] } });
  expect(((await req('GET', `/containers/${other}/json`)).json().Mounts as Array<{ RW: boolean; Name: string }>).map((m) => [m.Name, m.RW])).toEqual(mounts.map((m) => [m.Name, false]));
  expect(specOf(other).mounts!.find((m) => m.destination === '/extra')!.options).toEqual(['rbind', 'ro', 'rprivate']);
  await req('DELETE', `/containers/${id}?v=1`);
  expect((await req('GET', '/volumes')).json().Volumes).toHaveLength(2);
  await req('DELETE', `/containers/${other}?v=1`);
  // The second container's anonymous volumes were not its own: they stay (dockerd does the same).
  expect((await req('GET', '/volumes')).json().Volumes).toHaveLength(2);
  const third = await create({ Volumes: { '/x': {} }, HostConfig: { AutoRemove: true } });
  expect((await req('GET', '/volumes')).json().Volumes).toHaveLength(3);
  await req('POST', `/containers/${third}/start`);
  d.port.exit(third, 0);
  await new Promise((r) => setTimeout(r, 50));
  expect((await req('GET', '/volumes')).json().Volumes).toHaveLength(2);
});

it('puts resources and security fields into the spec and keeps them in HostConfig', async () => {
  const hc = {
    Memory: 32 * 1024 * 1024,
    NanoCpus: 500_000_000,
    CpuShares: 256,
    CpusetCpus: '0',
    PidsLimit: 40,
    BlkioWeight: 300,
    OomKillDisable: true,
    Ulimits: [{ Name: 'nofile', Soft: 100, Hard: 200 }],
    CapDrop: ['ALL'],
    CapAdd: ['net_admin', 'CAP_CHOWN'],
    ReadonlyRootfs: true,
    SecurityOpt: ['no-new-privileges'],
    Sysctls: { 'net.ipv4.ip_forward': '1' },
    Annotations: { 'org.example.team': 'infra', flag: '' },
    ShmSize: 1 << 20,
    GroupAdd: ['10'],
  };
  const id = await create({ HostConfig: hc });
  const spec = specOf(id);
  // A kernel without proportional block I/O gets no weight, as with dockerd (a warning says so).
  const weighted = blkioWeightSupport().weight;
  expect(spec.linux!.resources).toEqual({
    devices: [{ allow: false, access: 'rwm' }],
    memory: { limit: 33554432, swap: 67108864, disableOOMKiller: true },
    cpu: { period: 100000, quota: 50000, shares: 256, cpus: '0' },
    pids: { limit: 40 },
    ...(weighted ? { blockIO: { weight: 300 } } : {}),
  });
  if (!weighted) hc.BlkioWeight = 0;
  expect(spec.process!.capabilities).toEqual({ bounding: ['CAP_NET_ADMIN', 'CAP_CHOWN'], effective: ['CAP_NET_ADMIN', 'CAP_CHOWN'], permitted: ['CAP_NET_ADMIN', 'CAP_CHOWN'] });
  expect(spec.process!.noNewPrivileges).toBe(true);
  expect(spec.process!.rlimits).toEqual([{ type: 'RLIMIT_NOFILE', soft: 100, hard: 200 }]);
  expect(spec.process!.user).toEqual({ uid: 0, gid: 0, additionalGids: [10] });
  expect(spec.root!.readonly).toBe(true);
  expect(spec.linux!.sysctl).toEqual({ 'net.ipv4.ip_forward': '1' });
  expect(spec.annotations).toEqual({ 'org.example.team': 'infra', flag: '' });
  expect(spec.mounts!.find((m) => m.destination === '/dev/shm')!.options).toContain('size=1048576');
  const inspect = (await req('GET', `/containers/${id}/json`)).json();
  expect(inspect.HostConfig).toMatchObject(hc);
  // A record reloaded after a restart keeps them.
  d.newService().load();
  expect(JSON.parse(fs.readFileSync(path.join(d.dir, 'data', 'containers', id, 'config.v2.json'), 'utf8')).HostConfig).toMatchObject(hc);
});

it('privileged: every capability, nothing masked, all devices', async () => {
  const spec = specOf(await create({ HostConfig: { Privileged: true } }));
  expect(spec.process!.capabilities!.effective).toEqual(hostCapabilities());
  expect(spec.linux!.maskedPaths).toEqual([]);
  expect(spec.linux!.readonlyPaths).toEqual([]);
  expect(spec.linux!.resources!.devices).toEqual([{ allow: true, access: 'rwm' }]);
  expect(spec.linux!.devices).toEqual(expect.arrayContaining([{ path: '/dev/null', type: 'c', major: 1, minor: 3, fileMode: 0o666, uid: 0, gid: 0 }]));
  expect(spec.linux!.devices!.some((dev) => dev.path.startsWith('/dev/pts/') || dev.path === '/dev/console')).toBe(false);
  expect(spec.mounts!.find((m) => m.destination === '/sys')!.options).not.toContain('ro');
  // Docker's default /dev/shm is 64 MiB.
  expect(specOf(await create({})).mounts!.find((m) => m.destination === '/dev/shm')!.options).toContain('size=67108864');
});

it('refuses a user name the container\'s /etc/passwd does not have, leaving nothing behind', async () => {
  const snapshots = d.port.snapshots.size;
  const r = await req('POST', '/containers/create', { Image: 'busybox', User: 'ghost', Volumes: { '/v': {} } });
  expect(r.statusCode).toBe(400);
  expect(r.json().message).toBe('unable to find user ghost: no matching entries in passwd file');
  expect(d.port.containers.size).toBe(0);
  expect(d.port.snapshots.size).toBe(snapshots);
  expect((await req('GET', '/volumes')).json().Volumes).toEqual([]);
});

it('update keeps its new values in HostConfig', async () => {
  const id = await create({ Cmd: ['sleep', '100'], HostConfig: { Memory: 64 << 20 } });
  await req('POST', `/containers/${id}/start`);
  expect((await req('POST', `/containers/${id}/update`, { Memory: 128 << 20, PidsLimit: 10 })).statusCode).toBe(200);
  expect((await req('GET', `/containers/${id}/json`)).json().HostConfig).toMatchObject({ Memory: 128 << 20, PidsLimit: 10 });
});
