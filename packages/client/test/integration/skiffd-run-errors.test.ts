// run and create's own failures, --cidfile, and --pull (missing, always, never, -q) through skiff
// and the docker CLI 28 on the same skiffd: the same output and exit status. The registry is
// Debian's docker-registry on loopback, so nothing leaves the machine.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness, until } from '../../../daemon/test/helpers/skiffd';
import { skiffOnSkiffd } from '../helpers/skiff-on-skiffd';

const REGISTRY = '/usr/bin/docker-registry';
const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

/** A loopback port nothing listens on now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

(canRunSkiffd && built && fs.existsSync(REGISTRY) ? describe : describe.skip)('run and create failures, --cidfile and --pull, as the docker CLI', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const { skiff } = skiffOnSkiffd(h);
  let registry: ChildProcess | undefined;
  const registryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-registry-'));
  let remote = '';

  /** The same command line through both CLIs; docker's words read as skiff's. */
  const both = async (...args: string[]) => {
    const theirs = await h.docker(args);
    const ours = await skiff(...args);
    return { ours, theirs: { code: theirs.code, stdout: theirs.stdout.replace(/docker/g, 'skiff'), stderr: theirs.stderr.replace(/docker/g, 'skiff') } };
  };

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
    const port = await freePort();
    remote = `127.0.0.1:${port}/tools/bb:1`;
    const dir = registryDir;
    fs.writeFileSync(path.join(dir, 'config.yml'), `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: 127.0.0.1:${port}\n`);
    registry = spawn(REGISTRY, ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    registry.unref();
    await until(() => listening(port), 20_000, 'docker-registry listening');
    await h.dockerOk(['tag', 'busybox', remote]);
    await h.dockerOk(['push', remote]);
    await h.dockerOk(['rmi', remote]);
  }, 120_000);
  afterAll(async () => {
    // Its state is throwaway: killed outright, and waited for by its pid (the harness's cleanup may
    // reap children itself, so the child's exit event is not relied on).
    if (registry?.pid) {
      registry.kill('SIGKILL');
      await until(() => !alive(registry!.pid!), 10_000, 'docker-registry gone');
    }
    fs.rmSync(registryDir, { recursive: true, force: true });
    await h.cleanup();
  }, 60_000);

  it.each([
    [['run', '--pull', 'never', 'nosuchimg']],
    [['create', '--pull', 'never', 'nosuchimg']],
    [['run', '--pull', 'bogus', 'busybox']],
    [['create', '--pull', 'bogus', 'busybox']],
    [['run', '-v', '/nonexist:/x:zz', 'busybox', 'true']],
    [['run', '--rm', 'busybox', 'nosuchcmd']],
  ])('%j', async (args) => {
    const { ours, theirs } = await both(...args);
    expect(ours).toEqual(theirs);
  });

  it('--cidfile: the id written at create; an existing file refused before anything is made', async () => {
    for (const verb of ['run', 'create']) {
      const file = path.join(h.dir, `${verb}.cid`);
      fs.writeFileSync(file, '');
      const { ours, theirs } = await both(verb, '--cidfile', file, 'busybox', 'true');
      expect(ours).toEqual(theirs);
      expect(ours.code).toBe(verb === 'run' ? 125 : 1);
      fs.rmSync(file);
      const made = await skiff(verb, '--cidfile', file, 'busybox', 'true');
      expect(made.code).toBe(0);
      const id = fs.readFileSync(file, 'utf8');
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      await h.dockerOk(['rm', '-f', id]);
    }
  });

  it('--pull missing pulls an absent image (without announcing the default tag), --pull always pulls anyway, -q says nothing', async () => {
    const pulled = await skiff('run', '--rm', remote, 'echo', 'pulled');
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toBe('pulled\n');
    expect(pulled.stderr).toMatch(new RegExp(`^Unable to find image '${remote}' locally\\n1: Pulling from tools/bb\\n`));
    expect(pulled.stderr).not.toContain('Using default tag');
    const always = await skiff('run', '--rm', '--pull', 'always', remote, 'true');
    expect(always).toMatchObject({ code: 0, stderr: expect.stringContaining('Status: Image is up to date for') });
    await h.dockerOk(['rmi', remote]);
    for (const args of [['run', '--rm', '-q', remote, 'echo', 'quiet'], ['run', '--rm', '-q', '--pull', 'always', remote, 'echo', 'quiet']]) {
      const { ours, theirs } = await both(...args);
      expect({ args, ours }).toEqual({ args, ours: theirs });
      expect(ours).toEqual({ code: 0, stdout: 'quiet\n', stderr: '' });
      await h.dockerOk(['rmi', remote]);
    }
  });
});
