// Bridge networking with the real docker CLI: the default bridge, a user-defined network whose
// containers reach each other, network rm of a network in use, and nothing left behind (netns
// files, veths, bridges, iptables rules).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as http from 'node:http';
import { canRunSkiffd, freePort, SkiffdHarness, sleep } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2_000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** The httpd inside needs a moment after `docker run -d` returns. */
async function getSoon(port: number): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      return await get(port);
    } catch (err) {
      if (i >= 25) throw err;
      await sleep(200);
    }
  }
}

describeRoot('docker network against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const net = `skn${process.pid}`;
  /** Ids of the networks this suite makes: their bridges and rules must be gone at the end. */
  const made: string[] = [];

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  });
  afterAll(async () => {
    await h.cleanup();
  });
  afterEach(async () => {
    if (!h.current) return;
    const left = (await h.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
    if (left.length > 0) await h.docker(['rm', '-f', ...left]);
  });

  it('lists the built-in networks; the default bridge gives eth0 an address of --bip and a route out', async () => {
    const ls = await h.dockerOk(['network', 'ls', '--format', '{{.Name}} {{.Driver}}']);
    expect(ls.split('\n').sort()).toEqual(['bridge bridge', 'host host', 'none null']);
    const prefix = h.bip.replace(/\.1\/24$/, '.');
    const out = await h.dockerOk(['run', '--rm', 'busybox', 'sh', '-c', 'ip -4 addr show eth0; ip route']);
    expect(out).toContain(`inet ${prefix}2/24`);
    expect(out).toContain(`default via ${prefix}1 dev eth0`);
    // The container answers from the host on its bridge address.
    const id = await h.dockerOk(['run', '-d', 'busybox', 'sh', '-c', 'mkdir /www && echo hello-bridge > /www/index.html && exec httpd -f -p 8080 -h /www']);
    const ip = await h.dockerOk(['inspect', '-f', '{{.NetworkSettings.IPAddress}}', id]);
    expect(ip.startsWith(prefix)).toBe(true);
    const got = await h.dockerOk(['run', '--rm', 'busybox', 'sh', '-c', `for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://${ip}:8080/ && exit 0; sleep 0.2; done; exit 1`]);
    expect(got).toBe('hello-bridge');
  });

  it('--mac-address gives eth0 that address at every start; a bad one is dockerd\'s 400', async () => {
    await h.dockerOk(['create', '--name', 'mac', '--mac-address', '02:42:AC:11:00:99', 'busybox', 'cat', '/sys/class/net/eth0/address']);
    for (let run = 0; run < 2; run++) expect(await h.dockerOk(['start', '-a', 'mac'])).toBe('02:42:ac:11:00:99');
    await h.dockerOk(['rm', 'mac']);
    const bad = await h.request('POST', '/containers/create', { Image: 'busybox', NetworkingConfig: { EndpointsConfig: { bridge: { MacAddress: 'zz' } } } });
    expect({ status: bad.status, body: JSON.parse(bad.body) }).toEqual({ status: 400, body: { message: 'invalid MAC address zz' } });
  });

  it('a user-defined network: containers reach each other, inspect shows them, rm refuses while in use', async () => {
    const netId = await h.dockerOk(['network', 'create', '--label', 'test=yes', net]);
    expect(netId).toMatch(/^[0-9a-f]{64}$/);
    made.push(netId);
    const dup = await h.docker(['network', 'create', net]);
    expect(dup.stderr).toContain(`network with name ${net} already exists`);
    const info = JSON.parse(await h.dockerOk(['network', 'inspect', net]))[0];
    expect(info).toMatchObject({ Name: net, Id: netId, Driver: 'bridge', Labels: { test: 'yes' }, IPAM: { Config: [{ Subnet: h.pool.replace(/\.0\/24$/, '.0/28') }] } });

    await h.dockerOk(['run', '-d', '--name', 'web', '--network', net, '--network-alias', 'site', 'busybox', 'sh', '-c', 'mkdir /www && echo hello-net > /www/index.html && exec httpd -f -p 8080 -h /www']);
    const web = JSON.parse(await h.dockerOk(['inspect', 'web']))[0];
    const ep = web.NetworkSettings.Networks[net];
    expect(ep).toMatchObject({ NetworkID: netId, Aliases: ['site'], IPPrefixLen: 28 });
    expect(ep.EndpointID).toMatch(/^[0-9a-f]{64}$/);
    expect(web.HostConfig.NetworkMode).toBe(net);
    const inspected = JSON.parse(await h.dockerOk(['network', 'inspect', net]))[0];
    expect(inspected.Containers[web.Id]).toMatchObject({ Name: 'web', IPv4Address: `${ep.IPAddress}/28`, MacAddress: ep.MacAddress });

    // By name, by network alias and by short id, through the maintained /etc/hosts.
    const fetch = (host: string) => `for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://${host}:8080/ && break; sleep 0.2; done`;
    const got = await h.dockerOk(['run', '--rm', '--network', net, '--add-host', 'extra.example:10.9.9.9', '--dns', '10.8.8.8', 'busybox', 'sh', '-c', `${fetch('web')}; ${fetch('site')}; ${fetch(web.Id.slice(0, 12))}; grep extra.example /etc/hosts; cat /etc/resolv.conf; cat /etc/hostname`]);
    const lines = got.split('\n');
    expect(lines.slice(0, 3)).toEqual(['hello-net', 'hello-net', 'hello-net']);
    expect(lines[3]).toBe('10.9.9.9\textra.example');
    expect(lines[4]).toBe('nameserver 10.8.8.8');
    expect(lines[lines.length - 1]).toMatch(/^[0-9a-f]{12}$/);
    // The running web container's own /etc/hosts learnt about later containers (same inode, rewritten in place).
    await h.dockerOk(['run', '-d', '--name', 'peer', '--network', net, 'busybox', 'sleep', '1000']);
    expect(await h.dockerOk(['exec', 'web', 'cat', '/etc/hosts'])).toMatch(/\tpeer [0-9a-f]{12}$/m);
    await h.dockerOk(['rm', '-f', 'peer']);
    expect(await h.dockerOk(['exec', 'web', 'cat', '/etc/hosts'])).not.toContain('peer');

    const rm = await h.docker(['network', 'rm', net]);
    expect(rm.code).not.toBe(0);
    expect(rm.stderr).toContain(`error while removing network: network ${net} id ${netId} has active endpoints`);

    // Stopping releases the endpoint; then the network goes.
    await h.dockerOk(['rm', '-f', 'web']);
    await h.dockerOk(['network', 'rm', net]);
    expect(await h.dockerOk(['network', 'ls', '--filter', `name=${net}`, '-q'])).toBe('');
  });

  it('docker network connect adds an interface to a running container; disconnect takes it away', async () => {
    made.push(await h.dockerOk(['network', 'create', `${net}b`]));
    await h.dockerOk(['run', '-d', '--name', 'joiner', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['network', 'connect', `${net}b`, 'joiner']);
    const links = await h.dockerOk(['exec', 'joiner', 'ip', '-o', 'link']);
    expect(links).toContain('eth1');
    const ip = await h.dockerOk(['inspect', '-f', `{{(index .NetworkSettings.Networks "${net}b").IPAddress}}`, 'joiner']);
    expect(ip.startsWith(h.pool.replace(/\.0\/24$/, '.'))).toBe(true);
    await h.dockerOk(['network', 'disconnect', `${net}b`, 'joiner']);
    expect(await h.dockerOk(['exec', 'joiner', 'ip', '-o', 'link'])).not.toContain('eth1');
    await h.dockerOk(['rm', '-f', 'joiner']);
    await h.dockerOk(['network', 'rm', `${net}b`]);
  });

  it('--network none has loopback only; container:<name> shares the other namespace', async () => {
    expect(await h.dockerOk(['run', '--rm', '--network', 'none', 'busybox', 'sh', '-c', 'ls /sys/class/net'])).toBe('lo');
    await h.dockerOk(['run', '-d', '--name', 'owner', 'busybox', 'sleep', '1000']);
    const ip = await h.dockerOk(['inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'owner']);
    expect(await h.dockerOk(['run', '--rm', '--network', 'container:owner', 'busybox', 'sh', '-c', "ip -4 -o addr show eth0 | awk '{print $4}'"])).toBe(`${ip}/24`);
  });

  it('publishes ports with NAT rules that keep answering while skiffd is killed and restarted', async () => {
    const [local, any] = [await freePort(), await freePort()];
    const httpd = "mkdir /www && echo hello-pub > /www/index.html && exec httpd -f -p 8080 -h /www";
    await h.dockerOk(['run', '-d', '--name', 'pub', '-p', `127.0.0.1:${local}:8080`, '-p', `${any}:8080`, '--expose', '9999', 'busybox', 'sh', '-c', httpd]);
    expect(await getSoon(local)).toBe('hello-pub\n');
    expect(await getSoon(any)).toBe('hello-pub\n');
    const ps = await h.dockerOk(['ps', '--format', '{{.Ports}}', '--filter', 'name=pub']);
    expect(ps).toContain(`127.0.0.1:${local}->8080/tcp`);
    expect(ps).toContain(`0.0.0.0:${any}->8080/tcp`);
    expect(await h.dockerOk(['port', 'pub', '8080'])).toContain(`127.0.0.1:${local}`);
    const ports = JSON.parse(await h.dockerOk(['inspect', '-f', '{{json .NetworkSettings.Ports}}', 'pub']));
    expect(ports).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(local) }, { HostIp: '0.0.0.0', HostPort: String(any) }], '9999/tcp': null });

    const clash = await h.docker(['run', '-d', '--name', 'clash', '-p', `${local}:80`, 'busybox', 'sleep', '100']);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain(`Bind for 0.0.0.0:${local} failed: port is already allocated`);
    const random = await h.dockerOk(['run', '-d', '--name', 'rnd', '-P', '--expose', '8080', 'busybox', 'sh', '-c', httpd]);
    const rndPort = Number(JSON.parse(await h.dockerOk(['inspect', '-f', '{{json .NetworkSettings.Ports}}', random]))['8080/tcp'][0].HostPort);
    expect(rndPort).toBeGreaterThanOrEqual(32768);
    expect(await getSoon(rndPort)).toBe('hello-pub\n');

    // Daemonless: no proxy process, the kernel keeps forwarding.
    await h.stop('SIGKILL');
    expect(await get(local)).toBe('hello-pub\n');
    await h.start();
    expect(await get(local)).toBe('hello-pub\n');
    expect(await h.dockerOk(['inspect', '-f', '{{.State.Running}}', 'pub'])).toBe('true');

    const ip = await h.dockerOk(['inspect', '-f', '{{.NetworkSettings.IPAddress}}', 'pub']);
    await h.dockerOk(['rm', '-f', 'pub', 'rnd', 'clash']);
    expect(sh('iptables', ['-w', '-t', 'nat', '-S', 'SKIFF-DNAT'])).not.toContain(`${ip}:8080`);
    await expect(get(local)).rejects.toThrow();
  });

  it('docker-compose: services on the project network find each other by service name', async () => {
    const project = `skc${process.pid}`;
    const dir = path.join(h.dir, 'compose');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'docker-compose.yml'),
      [
        "version: '3'",
        'services:',
        '  web:',
        '    image: busybox',
        '    command: ["sh", "-c", "mkdir /www && echo hello-compose > /www/index.html && exec httpd -f -p 8080 -h /www"]',
        // httpd as PID 1 ignores SIGTERM: do not wait 10 s for it at `down`.
        '    stop_grace_period: 1s',
        '  check:',
        '    image: busybox',
        '    depends_on: [web]',
        '    command: ["sh", "-c", "for i in $$(seq 1 50); do wget -qO- http://web:8080/ && exit 0; sleep 0.2; done; exit 1"]',
        '',
      ].join('\n'),
    );
    const compose = (args: string[]) =>
      execFileSync('docker-compose', ['-p', project, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_HOST: `unix://${h.socket}`, HOME: h.dir } });
    try {
      compose(['up', '-d', 'web']);
      made.push(await h.dockerOk(['network', 'ls', '-q', '--no-trunc', '--filter', `name=${project}`]));
      expect(compose(['run', '--rm', 'check'])).toContain('hello-compose');
    } finally {
      compose(['down']);
    }
    expect(await h.dockerOk(['network', 'ls', '--format', '{{.Name}}', '--filter', `name=${project}`])).toBe('');
  });

  it('leaves nothing behind once the containers are gone', async () => {
    const netnsDir = path.join(h.execRoot, 'netns');
    expect(fs.existsSync(netnsDir) ? fs.readdirSync(netnsDir) : []).toEqual([]);
    const networks = fs.readdirSync(path.join(h.dataRoot, 'networks'));
    expect(networks).toHaveLength(1);
    // Only the default bridge's device and rules stay while skiffd runs; its veths are gone, and
    // so are the bridges and rules of every network this suite made (the chain is the host's:
    // other engines' networks may be in it).
    expect(sh('ip', ['-o', 'link', 'show', 'master', h.bridge]).trim()).toBe('');
    const forward = sh('iptables', ['-w', '-S', 'SKIFF-FORWARD']);
    const links = sh('ip', ['-o', 'link', 'show']);
    for (const id of made) {
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(forward).not.toContain(`br-${id.slice(0, 12)}`);
      expect(links).not.toContain(`br-${id.slice(0, 12)}`);
    }
  });
});
