// docker's run/create flags through skiff against a real skiffd (temporary roots, its own bridge):
// a published port answering on 127.0.0.1, bind and named volumes, tmpfs, hostname and env files,
// and the restart policy and limits as inspect shows them.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness } from '../../../daemon/test/helpers/skiffd';
import { skiffOnSkiffd } from '../helpers/skiff-on-skiffd';

const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));
const describeRoot = canRunSkiffd && built ? describe : describe.skip;

/** A port nothing listens on at the moment. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** GET http://127.0.0.1:port/, retried while the container's server starts. */
async function fetchLocal(port: number, deadline = Date.now() + 15_000): Promise<string> {
  for (;;) {
    try {
      return await new Promise<string>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/', timeout: 2000 }, (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve(body));
          })
          .on('error', reject)
          .on('timeout', function (this: http.ClientRequest) {
            this.destroy(new Error('timeout'));
          });
      });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describeRoot('skiff run/create flags against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const { skiff } = skiffOnSkiffd(h);

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  });
  afterAll(async () => {
    await skiff('rm', '-f', 'web', 'limits').catch(() => undefined);
    await h.cleanup();
  });

  it('-p publishes a port on 127.0.0.1 that answers, and inspect and port show it', async () => {
    const port = await freePort();
    const script = 'mkdir -p /www && echo published > /www/index.html && exec httpd -f -p 80 -h /www';
    const started = await skiff('run', '-d', '--name', 'web', '-p', `127.0.0.1:${port}:80`, '--expose', '81/udp', 'busybox', 'sh', '-c', script);
    expect(started).toMatchObject({ code: 0, stderr: '' });
    expect(await fetchLocal(port)).toBe('published\n');
    expect((await skiff('port', 'web', '80')).stdout).toBe(`127.0.0.1:${port}\n`);
    const bindings = await skiff('inspect', '-f', '{{json .HostConfig.PortBindings}} {{json .Config.ExposedPorts}}', 'web');
    expect(bindings.stdout).toBe(`{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"${port}"}]} {"80/tcp":{},"81/udp":{}}\n`);
    expect((await skiff('rm', '-f', 'web')).code).toBe(0);
  });

  it('-a attaches only the streams it names, as docker run -a', async () => {
    const script = 'echo out; echo err >&2';
    expect(await skiff('run', '--rm', '-a', 'stderr', 'busybox', 'sh', '-c', script)).toMatchObject({ code: 0, stdout: '', stderr: 'err\n' });
    expect(await skiff('run', '--rm', '-a', 'STDOUT', 'busybox', 'sh', '-c', script)).toMatchObject({ code: 0, stdout: 'out\n', stderr: '' });
  });

  it('-v binds a host directory and a named volume, --mount and --tmpfs mount, -h and --env-file set', async () => {
    const host = path.join(h.dir, 'bound');
    fs.mkdirSync(host, { recursive: true });
    fs.writeFileSync(path.join(host, 'f'), 'from the host\n');
    const envFile = path.join(h.dir, 'env');
    fs.writeFileSync(envFile, '# comment\nGREETING=hi there\n');
    const script = 'cat /data/f; echo kept > /named/x; cat /m/x 2>/dev/null; grep -c " /scratch tmpfs" /proc/mounts; hostname; echo "$GREETING"; touch /data/ro 2>/dev/null || echo read-only';
    const result = await skiff('run', '--rm', '-v', `${host}:/data:ro`, '-v', 'flagvol:/named', '--mount', 'type=volume,src=flagvol,dst=/m', '--tmpfs', '/scratch', '-h', 'box', '--env-file', envFile, 'busybox', 'sh', '-c', script);
    expect(result).toEqual({ code: 0, stdout: 'from the host\nkept\n1\nbox\nhi there\nread-only\n', stderr: '' });
    expect((await skiff('volume', 'rm', 'flagvol')).code).toBe(0);
  });

  it('--restart, -m, --cpus, --pids-limit, -l and --health-cmd reach the container\'s record', async () => {
    const created = await skiff('create', '--name', 'limits', '--restart', 'on-failure:2', '-m', '64m', '--memory-swap', '128m', '--cpus', '0.5', '--pids-limit', '50', '-l', 'team=skiff', '--health-cmd', 'true', '--health-interval', '30s', 'busybox', 'sleep', '60');
    expect(created.code).toBe(0);
    const format = '{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{.Config.Labels.team}} {{json .Config.Healthcheck}}';
    expect((await skiff('inspect', '-f', format, 'limits')).stdout).toBe(
      `on-failure:2 ${64 * 1024 ** 2} ${128 * 1024 ** 2} 500000000 50 skiff {"Test":["CMD-SHELL","true"],"Interval":30000000000}\n`,
    );
    expect((await skiff('rm', '-f', 'limits')).code).toBe(0);
  });

  it('refuses a bad value before contacting the daemon, with docker\'s text and 125', async () => {
    expect(await skiff('run', '-m', 'foo', 'busybox')).toEqual({
      code: 125,
      stdout: '',
      stderr: `invalid argument "foo" for "-m, --memory" flag: invalid size: 'foo'\n\nUsage:  skiff run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'skiff run --help' for more information\n`,
    });
    expect(await skiff('run', '--restart', 'on-failure:x', 'busybox')).toEqual({
      code: 125,
      stdout: '',
      stderr: "skiff: invalid restart policy format: maximum retry count must be an integer\n\nRun 'skiff run --help' for more information\n",
    });
  });
});
