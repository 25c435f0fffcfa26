// One test file's skiffd: built binary, its own skiff-containerd, roots under one temporary
// directory, a busybox image imported into it, the real docker CLI pointed at it, and a cleanup
// that leaves nothing behind (skiffd, containerd, shims, containers, mounts, files) whatever
// state a failing test left.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadGrpcObject, NAMESPACE_METADATA_KEY } from '@skiff/protos';
import type { ProtoGrpcType as TransferProto } from '@skiff/protos/generated/transfer';
// The shim's helpers already solve reaping on this VM (PID 1 never reaps orphans) and building
// a busybox rootfs from the host's static binary.
import { becomeSubreaper, isLive, reapZombieChildren, spareChild, trackNodeChild } from '../../../shim/test/helpers/reaper';
import { makeRootfs } from '../../../shim/test/helpers/bundle';

export const skiffdBin = path.resolve(__dirname, '../../bin/skiffd');
export const DOCKER = '/usr/local/bin/docker';
const skiffRuncBin = path.resolve(__dirname, '../../../runc/bin/skiff-runc');

export const canRunSkiffd =
  process.getuid?.() === 0 &&
  fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js')) &&
  fs.existsSync(path.resolve(__dirname, '../../../containerd/dist/cli/main.js')) &&
  fs.existsSync(path.resolve(__dirname, '../../../shim/dist/cli/main.js')) &&
  fs.existsSync('/bin/busybox') &&
  fs.existsSync(DOCKER);

export const NAMESPACE = 'skiffd';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let harnesses = 0;

export class SkiffdHarness {
  // Short: unix socket paths (ours, containerd's, the shims') must stay under 108 bytes.
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skd-'));
  readonly dataRoot = path.join(this.dir, 'data');
  readonly execRoot = path.join(this.dir, 'run');
  readonly socket = path.join(this.dir, 'api.sock');
  readonly pidfile = path.join(this.dir, 'skiffd.pid');
  readonly dockerConfig = path.join(this.dir, 'docker-config');
  readonly configFile = path.join(this.dir, 'daemon.json');
  readonly containerdSocket = path.join(this.execRoot, 'containerd', 'containerd.sock');
  private readonly children = new Set<ChildProcess>();
  private reaper: NodeJS.Timeout | undefined;
  current: ChildProcess | undefined;
  private starts = 0;
  /** A loopback tcp port skiffd also serves on (with --insecure-tcp), chosen at the first start. */
  tcpPort = 0;
  /**
   * Networking of its own, so parallel instances do not share a bridge or subnet: the default
   * bridge's device and a /24 of 10.222/16, user networks' /28s from a /24 of 10.223/16.
   */
  private readonly slot = (process.pid * 7 + harnesses++) % 250;
  readonly bridge = `skt${process.pid % 1000}n${harnesses}`;
  readonly bip = `10.222.${this.slot}.1/24`;
  readonly pool = `10.223.${this.slot}.0/24`;

  constructor() {
    becomeSubreaper();
    fs.mkdirSync(this.dockerConfig);
    fs.writeFileSync(this.configFile, JSON.stringify({ bridge: this.bridge, bip: this.bip, 'default-address-pools': [{ base: this.pool, size: 28 }] }));
  }

  reap(): void {
    reapZombieChildren(new Set([...this.children].map((c) => c.pid!)));
  }

  /** Keeps every orphan reaper off a child this harness did not spawn (a registry); reaping it would hang its owner. */
  spare(pid: number): void {
    spareChild(pid);
  }

  /** Our own children are libuv's to reap (or their exit is never reported): the reaper spares them. */
  private own<T extends ChildProcess>(child: T): T {
    trackNodeChild(child);
    this.children.add(child);
    child.on('close', () => this.children.delete(child));
    return child;
  }

  logFile(n = this.starts): string {
    return path.join(this.dir, `skiffd-${n}.log`);
  }

  /** Starts skiffd and waits until /_ping answers. */
  async start(): Promise<ChildProcess> {
    // Orphans (shims, containers) are re-parented to this process. Started here, not in the
    // constructor: a harness of a skipped describe must not keep jest alive.
    this.reaper ??= setInterval(() => this.reap(), 50);
    this.tcpPort ||= await freePort();
    const log = this.logFile(++this.starts);
    const fd = fs.openSync(log, 'a');
    const child = spawn(
      process.execPath,
      [skiffdBin, '-H', `unix://${this.socket}`, '--data-root', this.dataRoot, '--exec-root', this.execRoot, '--pidfile', this.pidfile, '--config-file', this.configFile, '--log-level', 'debug', '-H', `tcp://127.0.0.1:${this.tcpPort}`, '--insecure-tcp'],
      { stdio: ['ignore', 'ignore', fd] },
    );
    fs.closeSync(fd);
    this.own(child);
    this.current = child;
    await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`skiffd exited ${child.exitCode}: ${fs.readFileSync(log, 'utf8')}`);
        return (await this.request('GET', '/_ping').catch(() => undefined))?.status === 200;
      },
      60_000,
      'skiffd answers /_ping',
    );
    return child;
  }

  /** Another skiffd with the given flags, its stderr in `log`; the caller stops it. */
  spawnSkiffd(args: string[], log: string): ChildProcess {
    const fd = fs.openSync(log, 'a');
    const child = spawn(process.execPath, [skiffdBin, ...args], { stdio: ['ignore', 'ignore', fd] });
    fs.closeSync(fd);
    return this.own(child);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.current;
    this.current = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** A plain HTTP request on the API socket. */
  request(method: string, urlPath: string, body?: object): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ socketPath: this.socket, method, path: urlPath, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
      req.end(body ? JSON.stringify(body) : undefined);
    });
  }

  /** The real docker CLI against this skiffd, with its own config directory. */
  docker(args: string[], { timeoutMs = 60_000, input, host = `unix://${this.socket}` }: { timeoutMs?: number; input?: string; host?: string } = {}): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = this.own(spawn(DOCKER, args, {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_HOST: host, DOCKER_CONFIG: this.dockerConfig, HOME: this.dir },
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      }));
      if (input !== undefined) child.stdin!.end(input);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`docker ${args.join(' ')}: timed out; so far: ${stdout} ${stderr}`));
      }, timeoutMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** docker that must succeed; returns its trimmed stdout. */
  async dockerOk(args: string[]): Promise<string> {
    const r = await this.docker(args);
    if (r.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}\n${this.diagnostics()}`);
    return r.stdout.trim();
  }

  /**
   * busybox:latest in skiffd's namespace of its skiff-containerd, made the way `docker import`
   * makes an image: Transfer.ImportRootfs with a tar of a busybox rootfs and a config.
   */
  async importBusybox(reference = 'busybox:latest'): Promise<string> {
    const rootfs = path.join(this.dir, 'busybox-rootfs');
    if (!fs.existsSync(rootfs)) makeRootfs(rootfs);
    const tar = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const child = this.own(spawn('tar', ['-C', rootfs, '--numeric-owner', '-cf', '-', '.'], { stdio: ['ignore', 'pipe', 'inherit'] }));
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`tar exited ${code}`))));
    });
    const Transfer = loadGrpcObject<TransferProto>('skiff/containerd/services/transfer/v1/transfer.proto').skiff.containerd.services.transfer.v1.Transfer;
    const client = new Transfer(`unix://${this.containerdSocket}`, grpc.credentials.createInsecure());
    try {
      const meta = new grpc.Metadata();
      meta.set(NAMESPACE_METADATA_KEY, NAMESPACE);
      return await new Promise<string>((resolve, reject) => {
        const call = client.ImportRootfs(meta, (err, res) => (err ? reject(err) : resolve(res!.image!.name)));
        const config = { Cmd: ['sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] };
        call.write({ options: { reference, config: Buffer.from(JSON.stringify(config)), message: 'busybox for skiffd tests' } });
        for (let off = 0; off < tar.length; off += 256 * 1024) call.write({ data: tar.subarray(off, off + 256 * 1024) });
        call.end();
      });
    } finally {
      client.close();
    }
  }

  /** The pid of the skiff-containerd skiffd supervises. */
  containerdPid(): number {
    return Number(fs.readFileSync(path.join(this.execRoot, 'containerd', 'skiff-containerd.pid'), 'utf8'));
  }

  /**
   * For a failure message: the warnings of every skiffd run and what skiff-containerd said about
   * shims and tasks (CI deletes the directory with the logs).
   */
  diagnostics(): string {
    const lines: string[] = [];
    const pick = (file: string, keep: (line: string) => boolean) => {
      if (!fs.existsSync(file)) return;
      lines.push(`--- ${path.basename(file)}`, ...fs.readFileSync(file, 'utf8').split('\n').filter(keep).slice(-40).map((l) => l.slice(0, 400)));
    };
    for (let n = 1; n <= this.starts; n++) pick(this.logFile(n), (l) => /"level":([4-9]0)/.test(l) || l.includes('containerd'));
    pick(path.join(this.execRoot, 'containerd', 'skiff-containerd.log'), (l) => /"level":([3-9]0)/.test(l));
    return lines.join('\n');
  }

  /** Pids of every live process whose command line mentions this harness's directory. */
  ownProcesses(): number[] {
    const found: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      try {
        if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(this.dir) && isLive(Number(entry))) found.push(Number(entry));
      } catch {
        // Gone meanwhile.
      }
    }
    return found;
  }

  /** SIGKILLs every live process of this harness; returns how many there were. */
  private killOwnProcesses(): number {
    const pids = this.ownProcesses();
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
    return pids.length;
  }

  mountsUnder(): string[] {
    return fs
      .readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[4])
      .filter((p): p is string => p !== undefined && (p === this.dir || p.startsWith(`${this.dir}/`)));
  }

  /** The bridges of this instance's networks (default and user-defined, of every data root under dir). */
  bridges(): string[] {
    const names = new Set([this.bridge]);
    for (const entry of fs.readdirSync(this.dir)) {
      const dir = path.join(this.dir, entry, 'networks');
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
        try {
          names.add((JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { Bridge: string }).Bridge);
        } catch {
          // Half-written: its bridge was never made.
        }
      }
    }
    return [...names];
  }

  /** Host commands, output and failures ignored (cleanup of what may not exist). */
  private quiet(cmd: string, args: string[]): Promise<string> {
    return new Promise((resolve) => {
      let out = '';
      const child = this.own(spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] }));
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', () => resolve(out));
      child.on('error', () => resolve(''));
    });
  }

  /** iptables rules in skiffd's chains naming one of our bridges or subnets, then the bridges. */
  async removeNetworking(): Promise<void> {
    const bridges = this.bridges();
    const marks = [...bridges, this.bip.replace(/\.1\/24$/, '.0/24'), this.pool.replace(/\.0\/24$/, '.')];
    for (const [table, chain] of [['nat', 'SKIFF-POSTROUTING'], ['filter', 'SKIFF-FORWARD'], ['nat', 'SKIFF-DNAT']]) {
      const rules = (await this.quiet('iptables', ['-w', '-t', table!, '-S', chain!])).split('\n');
      for (const rule of rules.filter((r) => r.startsWith('-A ') && marks.some((m) => r.includes(m)))) {
        await this.quiet('iptables', ['-w', '-t', table!, '-D', ...rule.slice(3).split(' ')]);
      }
    }
    for (const b of bridges) await this.quiet('ip', ['link', 'del', b]);
  }

  /**
   * What a power cut does: skiffd, containerd, shims and containers die, every mount and network
   * device is gone. Files stay.
   */
  private async powerOff(): Promise<void> {
    await this.stop('SIGKILL');
    this.killOwnProcesses();
    // The builtin runtime's containers, and those of Debian's runc when a test added it.
    for (const [dir, argv] of [['runtime', [process.execPath, '--single-threaded', skiffRuncBin]], ['runtime-runc', ['/usr/sbin/runc']]] as const) {
      const runtimeRoot = path.join(this.execRoot, dir);
      if (!fs.existsSync(runtimeRoot)) continue;
      for (const id of fs.readdirSync(runtimeRoot)) {
        await new Promise((resolve) => this.own(spawn(argv[0], [...argv.slice(1), '--root', runtimeRoot, 'delete', '--force', id], { stdio: 'ignore' })).on('close', resolve));
      }
    }
    // Killed again on every pass: a warm shim whose `skiff-shim start` was in flight when the
    // first pass ran daemonizes only afterwards.
    await until(() => (this.reap(), this.killOwnProcesses() === 0), 5_000, 'processes gone').catch(() => undefined);
    for (const p of this.mountsUnder().sort((a, b) => b.length - a.length)) {
      await new Promise((resolve) => this.own(spawn('umount', ['-l', p], { stdio: 'ignore' })).on('close', resolve));
    }
    await this.removeNetworking();
  }

  /** A host reboot: a power cut, and the exec root (a tmpfs under /run in real life) is empty again. */
  async reboot(): Promise<void> {
    await this.powerOff();
    fs.rmSync(this.execRoot, { recursive: true, force: true });
  }

  /** skiffd, containerd and shims, then the containers left in the runtime root, then mounts and files. */
  async cleanup(): Promise<void> {
    // SKIFF_TEST_KEEP=1 keeps the directory (logs) of a failing run for a post-mortem.
    const keep = process.env.SKIFF_TEST_KEEP === '1';
    await this.powerOff();
    clearInterval(this.reaper);
    this.reaper = undefined;
    this.reap();
    if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A describe block with a skiffd of its own, started with busybox imported before the first test
 * and cleaned up after the last (skipped where skiffd cannot run): what most integration files
 * need, instead of the same beforeAll/afterAll in each.
 */
export function describeWithSkiffd(name: string, body: (h: SkiffdHarness) => void, timeoutMs = 120_000): void {
  (canRunSkiffd ? describe : describe.skip)(name, () => {
    jest.setTimeout(timeoutMs);
    const h = new SkiffdHarness();
    beforeAll(async () => {
      await h.start();
      await h.importBusybox();
    }, 60_000);
    afterAll(() => h.cleanup(), 60_000);
    body(h);
  });
}
