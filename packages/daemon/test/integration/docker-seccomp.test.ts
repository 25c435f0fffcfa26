// Seccomp as docker users expect it, with the real docker CLI against skiffd: the built-in
// profile on every non-privileged container (docker info says so), lifted by capabilities,
// `--security-opt seccomp=unconfined`, --privileged, a profile file (the CLI sends its JSON), a
// bad one refused at create with docker's exit code, and the same default under Debian's runc.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const RUNC = '/usr/sbin/runc';
const describeRoot = canRunSkiffd ? describe : describe.skip;
const STATUS = ['grep', 'Seccomp:', '/proc/self/status'];

describeRoot('seccomp under skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const hasRunc = fs.existsSync(RUNC);

  beforeAll(async () => {
    if (hasRunc) {
      const config = JSON.parse(fs.readFileSync(h.configFile, 'utf8'));
      fs.writeFileSync(h.configFile, JSON.stringify({ ...config, runtimes: { runc: { path: RUNC } } }));
    }
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  const profileFile = (name: string, profile: object) => {
    const file = path.join(h.dir, name);
    fs.writeFileSync(file, JSON.stringify(profile, null, 2));
    return file;
  };
  /** A profile that allows everything but creating directories. */
  const noMkdir = { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 }] };

  it('docker info lists the built-in profile', async () => {
    expect(JSON.parse(await h.dockerOk(['info', '--format', '{{json .SecurityOptions}}']))).toEqual(['name=seccomp,profile=builtin']);
  });

  it('filters a default container: a user namespace, which needs no capability, is refused; CAP_SYS_ADMIN lifts unshare', async () => {
    expect(await h.dockerOk(['run', '--rm', 'busybox', ...STATUS])).toBe('Seccomp:\t2');
    const userns = await h.docker(['run', '--rm', 'busybox', 'unshare', '-U', 'true']);
    expect(userns.code).not.toBe(0);
    expect(userns.stderr + userns.stdout).toContain('Operation not permitted');
    expect((await h.docker(['run', '--rm', '--security-opt', 'seccomp=unconfined', 'busybox', 'unshare', '-U', 'true'])).code).toBe(0);
    expect((await h.docker(['run', '--rm', '--cap-add', 'SYS_ADMIN', 'busybox', 'unshare', '-n', 'true'])).code).toBe(0);
  });

  it('runs unconfined and privileged containers without a filter', async () => {
    expect(await h.dockerOk(['run', '--rm', '--security-opt', 'seccomp=unconfined', 'busybox', ...STATUS])).toBe('Seccomp:\t0');
    expect(await h.dockerOk(['run', '--rm', '--security-opt', 'seccomp:unconfined', 'busybox', ...STATUS])).toBe('Seccomp:\t0');
    expect(await h.dockerOk(['run', '--rm', '--privileged', 'busybox', ...STATUS])).toBe('Seccomp:\t0');
  });

  it('applies a profile file given to --security-opt seccomp=FILE', async () => {
    const file = profileFile('no-mkdir.json', noMkdir);
    const r = await h.docker(['run', '--rm', '--security-opt', `seccomp=${file}`, 'busybox', 'mkdir', '/tmp/x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("mkdir: can't create directory '/tmp/x': Operation not permitted");
    expect(await h.dockerOk(['run', '--rm', '--security-opt', `seccomp=${file}`, 'busybox', 'sh', '-c', 'touch /tmp/y && echo ok'])).toBe('ok');
    // Kept in the record, so inspect shows it and a restart keeps it.
    const id = await h.dockerOk(['create', '--security-opt', `seccomp=${file}`, 'busybox', 'mkdir', '/tmp/x']);
    expect(JSON.parse(await h.dockerOk(['inspect', '--format', '{{json .HostConfig.SecurityOpt}}', id]))[0]).toMatch(/^seccomp=\{"defaultAction"/);
    expect((await h.docker(['start', '-a', id])).code).toBe(1);
    await h.dockerOk(['rm', id]);
  });

  it('refuses a bad profile at create: docker exits 125 with skiffd\'s message and nothing is created', async () => {
    const before = await h.dockerOk(['ps', '-aq']);
    const file = profileFile('bad.json', { defaultAction: 'SCMP_ACT_SOMETIMES' });
    const r = await h.docker(['run', '--rm', '--security-opt', `seccomp=${file}`, 'busybox', 'true']);
    expect(r.code).toBe(125);
    expect(r.stderr).toContain('Error response from daemon: Decoding seccomp profile failed: defaultAction: Invalid option');
    const notify = profileFile('notify.json', { defaultAction: 'SCMP_ACT_ALLOW', listenerPath: '/run/agent.sock' });
    const n = await h.docker(['run', '-d', '--security-opt', `seccomp=${notify}`, 'busybox', 'true']);
    expect(n.code).toBe(125);
    expect(n.stderr).toContain('seccomp notify');
    expect(await h.dockerOk(['ps', '-aq'])).toBe(before);
  });

  (hasRunc ? it : it.skip)("Debian's runc takes the same filters (--runtime runc)", async () => {
    expect(await h.dockerOk(['run', '--rm', '--runtime', 'runc', 'busybox', ...STATUS])).toBe('Seccomp:\t2');
    const userns = await h.docker(['run', '--rm', '--runtime', 'runc', 'busybox', 'unshare', '-U', 'true']);
    expect(userns.stderr + userns.stdout).toContain('Operation not permitted');
    expect((await h.docker(['run', '--rm', '--runtime', 'runc', '--cap-add', 'SYS_ADMIN', 'busybox', 'unshare', '-n', 'true'])).code).toBe(0);
    const file = profileFile('no-mkdir-runc.json', noMkdir);
    const r = await h.docker(['run', '--rm', '--runtime', 'runc', '--security-opt', `seccomp=${file}`, 'busybox', 'mkdir', '/tmp/x']);
    expect(r.stderr).toContain('Operation not permitted');
    expect(await h.dockerOk(['run', '--rm', '--runtime', 'runc', '--security-opt', 'seccomp=unconfined', 'busybox', ...STATUS])).toBe('Seccomp:\t0');
  });
});
