#!/usr/bin/env node
// Shim benchmark: skiff-containerd + skiff-shim against Debian's containerd 1.6 +
// containerd-shim-runc-v2 (and a bare `runc run`), side by side, on one busybox rootfs.
//
//   node bench/shim/run.mjs [--runs N] [--warmup W] [--containers N] [--phase all|start|memory]
//   (env: BENCH_RUNS, BENCH_WARMUP, BENCH_CONTAINERS, BENCH_PHASE, RUNC=/usr/sbin/runc,
//    CONTAINERD=/usr/bin/containerd, CTR=/usr/bin/ctr)
//
// (a) start: Tasks.Create → Start → Wait (exit of `true`) → Delete through skiff-containerd's gRPC
//            API, with a warm shim ready before every run, interleaved with `runc run` of the same
//            rootfs and spec: S R S R ..., W warm-up pairs, then N timed pairs.
// (b) memory: PSS (and RSS, USS) of the shim processes per running `sleep` container, for 1 and N
//            containers: skiff with one shim per container, skiff with every container in one shim
//            group, and containerd-shim-runc-v2 under a containerd this script starts.
//
// Needs root. Everything lives in one mkdtemp directory (rootfs, bundle, both containerds' roots,
// state and sockets, every runtime root); ids and namespaces share a per-invocation prefix, which
// also names every cgroup the containers get. The process makes itself a child subreaper and reaps
// the shims that are re-parented to it (PID 1 on the VM never reaps). Cleanup runs in finally and
// on SIGINT/SIGTERM and says what it found.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(path.join(repo, 'package.json'));

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const opts = {
    runs: Number(process.env.BENCH_RUNS ?? process.env.BENCH_N ?? 20),
    warmup: Number(process.env.BENCH_WARMUP ?? 1),
    containers: Number(process.env.BENCH_CONTAINERS ?? 20),
    phase: process.env.BENCH_PHASE ?? 'all',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '-n' || flag === '--runs' || flag === '--n') opts.runs = Number(value());
    else if (flag === '-w' || flag === '--warmup') opts.warmup = Number(value());
    else if (flag === '-c' || flag === '--containers') opts.containers = Number(value());
    else if (flag === '--phase') opts.phase = value();
    else if (flag === '-h' || flag === '--help') {
      process.stdout.write('usage: node bench/shim/run.mjs [--runs N] [--warmup W] [--containers N] [--phase all|start|memory]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isInteger(opts.warmup) || opts.warmup < 0) throw new Error('--warmup must be a non-negative integer');
  if (!Number.isInteger(opts.containers) || opts.containers < 1 || opts.containers > 200) throw new Error('--containers must be 1..200');
  if (!['all', 'start', 'memory'].includes(opts.phase)) throw new Error('--phase must be all, start or memory');
  return opts;
}

const RUNC = process.env.RUNC ?? '/usr/sbin/runc';
const CONTAINERD = process.env.CONTAINERD ?? '/usr/bin/containerd';
const CTR = process.env.CTR ?? '/usr/bin/ctr';
const GO_SHIM = 'containerd-shim-runc-v2';
const CONTAINERD_BIN = path.join(repo, 'packages/containerd/bin/skiff-containerd');
const SHIM_BIN = path.join(repo, 'packages/shim/bin/skiff-shim');
const DISTS = ['runc', 'shim', 'containerd'].map((p) => path.join(repo, 'packages', p));
/** Warm shims skiff-containerd keeps ready (shim.warm.size). */
const WARM = 1;
/** A deadline for anything that should settle (a shim starting or retiring): beyond it, fail. */
const SETTLE_MS = 30_000;

// ---------------------------------------------------------------- stats
const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function quantile(xs, q) {
  // Nearest rank.
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
function summary(xs) {
  return {
    n: xs.length,
    median_ms: round(median(xs)),
    p90_ms: round(quantile(xs, 0.9)),
    min_ms: round(Math.min(...xs)),
    max_ms: round(Math.max(...xs)),
    mean_ms: round(xs.reduce((a, b) => a + b, 0) / xs.length),
  };
}
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const fmt = (x) => x.toFixed(1).padStart(8);
const mb = (kb) => kb / 1024;
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- processes
/** Pids of children spawned through libuv: libuv reaps those, the reaper must not. */
const libuvChildren = new Set();
/** Children in flight, for a hard stop. */
const inflight = new Set();

let sys;
const PR_SET_CHILD_SUBREAPER = 36;
const WNOHANG = 1;

/**
 * Shims detach from the process that started them (`skiff-shim start`, `containerd-shim-runc-v2
 * start`) and are re-parented to the nearest subreaper. Without one they land on PID 1, which on
 * this VM never reaps: every retired shim would stay a zombie. So this process is that subreaper.
 */
function becomeSubreaper() {
  sys = require(path.join(repo, 'packages/runc/dist/index.js')).realSyscalls();
  sys.prctl(PR_SET_CHILD_SUBREAPER, 1);
}

function procStat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

function reapZombies() {
  if (!sys) return 0;
  let reaped = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (libuvChildren.has(pid)) continue;
    const s = procStat(pid);
    if (s?.state !== 'Z' || s.ppid !== process.pid) continue;
    try {
      if (sys.waitpid(pid, WNOHANG).pid === pid) reaped++;
    } catch {
      // Reaped meanwhile.
    }
  }
  return reaped;
}

/** Every live process as { pid, argv }, read from /proc (zombies have an empty cmdline). */
function processes() {
  const out = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.length) out.push({ pid, argv });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

function track(child) {
  libuvChildren.add(child.pid);
  inflight.add(child);
  child.on('exit', () => {
    inflight.delete(child);
    // libuv has reaped it by the time 'exit' fires; the pid may be reused from now on.
    libuvChildren.delete(child.pid);
  });
  return child;
}

/** Runs a command to its end; resolves with { code, stdout, stderr }. */
function run(cmd, args, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) track(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr });
    });
  });
}

async function mustRun(cmd, args, opts) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${r.code}: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

async function until(check, what, timeoutMs = SETTLE_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    checkInterrupted();
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Set by the first SIGINT/SIGTERM; the loops stop at their next step. */
let interrupted = null;
class Interrupted extends Error {}
function checkInterrupted() {
  if (interrupted) throw new Interrupted(`interrupted by ${interrupted}`);
}

// ---------------------------------------------------------------- set-up
function preflight(opts) {
  if (process.getuid?.() !== 0) throw new Error('run as root (containers need namespaces and cgroups)');
  const needed = [RUNC, CONTAINERD_BIN, SHIM_BIN, '/bin/busybox'];
  if (opts.phase !== 'start') needed.push(CONTAINERD, CTR, path.join(path.dirname(CONTAINERD), GO_SHIM));
  for (const f of needed) {
    try {
      fs.accessSync(f, fs.constants.X_OK);
    } catch {
      const hint = f === CONTAINERD || f === CTR || f.endsWith(GO_SHIM) ? ' (apt-get install containerd)' : '';
      throw new Error(`${f} is missing or not executable${hint}`);
    }
  }
  for (const dir of DISTS) {
    if (!fs.existsSync(path.join(dir, 'dist/cli/main.js')) && !fs.existsSync(path.join(dir, 'dist/index.js'))) {
      throw new Error(`${dir} is not built: cd ${repo} && npx nx run-many -t build`);
    }
  }
}

/** bin/busybox with one symlink per applet, /etc/passwd and the mount points a spec needs. */
function buildRootfs(rootfs) {
  fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
  for (const d of ['proc', 'sys', 'dev', 'tmp', 'etc', 'root']) fs.mkdirSync(path.join(rootfs, d), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin/busybox'));
  fs.chmodSync(path.join(rootfs, 'bin/busybox'), 0o755);
  const applets = sh('/bin/busybox', ['--list']).split('\n').map((s) => s.trim()).filter((s) => s && s !== 'busybox');
  for (const a of applets) fs.symlinkSync('busybox', path.join(rootfs, 'bin', a));
  fs.writeFileSync(path.join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  fs.writeFileSync(path.join(rootfs, 'etc/group'), 'root:x:0:\n');
  return applets.length;
}

/**
 * One spec for both sides of (a): `runc spec` with terminal off and the given args. runc's copy
 * (bundle/config.json) keeps the relative "rootfs"; skiff-containerd writes the spec into a bundle
 * of its own, so its copy names the same rootfs by absolute path.
 */
function makeSpec(bundle) {
  sh(RUNC, ['spec', '--bundle', bundle]);
  const file = path.join(bundle, 'config.json');
  const base = JSON.parse(fs.readFileSync(file, 'utf8'));
  base.process.terminal = false;
  const withArgs = (args, absoluteRoot) => {
    const spec = structuredClone(base);
    spec.process.args = args;
    if (absoluteRoot) spec.root.path = path.join(bundle, 'rootfs');
    return spec;
  };
  fs.writeFileSync(file, `${JSON.stringify(withArgs(['true'], false), null, '\t')}\n`);
  return (args) => Buffer.from(JSON.stringify(withArgs(args, true)));
}

// ---------------------------------------------------------------- memory sampling
function smapsRollup(pid) {
  const got = { pss: 0, rss: 0, uss: 0 };
  const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  for (const line of text.split('\n')) {
    const m = /^(\w+):\s+(\d+) kB/.exec(line);
    if (!m) continue;
    const kb = Number(m[2]);
    if (m[1] === 'Pss') got.pss = kb;
    else if (m[1] === 'Rss') got.rss = kb;
    else if (m[1] === 'Private_Clean' || m[1] === 'Private_Dirty') got.uss += kb;
  }
  return got;
}

/** Sum of PSS/RSS/USS (kB) over pids; a pid gone meanwhile fails the sample. */
function sampleMemory(pids) {
  const total = { pss: 0, rss: 0, uss: 0, processes: pids.length };
  for (const pid of pids) {
    const m = smapsRollup(pid);
    total.pss += m.pss;
    total.rss += m.rss;
    total.uss += m.uss;
  }
  return total;
}

/** Node processes on the host: they share node's text pages with skiff's shims, and so their PSS. */
function nodeProcessCount() {
  let n = 0;
  for (const p of processes()) {
    try {
      if (fs.readlinkSync(`/proc/${p.pid}/exe`) === process.execPath) n++;
    } catch {
      // Gone, or a kernel thread.
    }
  }
  return n;
}

// ---------------------------------------------------------------- skiff-containerd
/** The address a shim left in a directory (a task bundle or a shim's own), if any. */
function readAddress(dir) {
  try {
    return fs.readFileSync(path.join(dir, 'shim.address'), 'utf8').trim();
  } catch {
    return undefined;
  }
}

class Skiff {
  constructor(ctx) {
    this.ctx = ctx;
    this.dir = path.join(ctx.tmp, 'skiff');
    this.root = path.join(this.dir, 'root');
    this.state = path.join(this.dir, 'state');
    this.socketDir = path.join(this.dir, 's');
    this.address = path.join(this.dir, 'containerd.sock');
    this.runtimeRoot = path.join(this.dir, 'runtime');
    this.log = path.join(this.dir, 'containerd.log');
    this.namespace = ctx.namespace;
    this.clients = [];
    this.ids = new Set();
  }

  async start() {
    fs.mkdirSync(this.dir, { recursive: true });
    const config = path.join(this.dir, 'config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ shim: { binary: SHIM_BIN, socketDir: this.socketDir, debug: false, warm: { size: WARM, namespaces: [this.namespace] } } }),
    );
    const fd = fs.openSync(this.log, 'a');
    this.child = track(
      spawn(process.execPath, [CONTAINERD_BIN, '--root', this.root, '--state', this.state, '--address', this.address, '--config', config, '--log-level', 'info'], {
        stdio: ['ignore', 'ignore', fd],
      }),
    );
    fs.closeSync(fd);
    const grpc = require('@grpc/grpc-js');
    const { loadGrpcObject } = require('@skiff/protos');
    const service = (name) => {
      const ns = loadGrpcObject(`skiff/containerd/services/${name}/v1/${name}.proto`).skiff.containerd.services[name].v1;
      const Client = ns[name[0].toUpperCase() + name.slice(1)];
      const client = new Client(`unix://${this.address}`, grpc.credentials.createInsecure());
      this.clients.push(client);
      return (method, request = {}, timeoutMs = 60_000) =>
        new Promise((resolve, reject) => {
          const meta = new grpc.Metadata();
          meta.set('skiff-namespace', this.namespace);
          client[method](request, meta, { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res)));
        });
    };
    this.containers = service('containers');
    this.tasks = service('tasks');
    const version = service('version');
    await until(async () => {
      if (this.child.exitCode !== null) throw new Error(`skiff-containerd exited ${this.child.exitCode}: ${fs.readFileSync(this.log, 'utf8').slice(-2000)}`);
      return version('Version', {}, 1_000).then(
        (v) => ((this.version = v.version), true),
        () => false,
      );
    }, 'skiff-containerd answers Version');
  }

  warmDir() {
    return path.join(this.state, '_shims', this.namespace);
  }

  /** Warm shims that have answered (`skiff-shim start` writes shim.address only then). */
  readyWarm() {
    let entries = [];
    try {
      entries = fs.readdirSync(this.warmDir());
    } catch {
      return [];
    }
    return entries.filter((d) => d.startsWith('warm-') && fs.existsSync(path.join(this.warmDir(), d, 'shim.address'))).map((d) => path.join(this.warmDir(), d));
  }

  /** `skiff-shim serve` processes of this containerd (their --socket is in our socket dir). */
  shimPids() {
    return processes()
      .filter((p) => p.argv.includes('serve') && p.argv.some((a) => a.startsWith(`${this.socketDir}/`)))
      .map((p) => p.pid);
  }

  /** Whether a `skiff-shim start` of ours is still running (a shim on its way up). */
  starting() {
    return processes().some((p) => p.argv.includes('start') && p.argv.some((a) => a.endsWith('skiff-shim')) && p.argv.includes(this.socketDir));
  }

  /**
   * Waits until the pool holds its warm shim(s), no shim is being started and no retired shim is
   * still exiting: the shims at `busy` (addresses) hold tasks, so the serve processes must be
   * exactly those plus the warm ones. Both sides of (a) start from this state, so a refill never
   * runs during a timed run. A warm shim that took a task keeps its directory (and shim.address)
   * until it retires, so it is told apart by its address.
   */
  async settle(busy = new Set()) {
    await until(() => {
      reapZombies();
      const warm = this.readyWarm().filter((d) => !busy.has(readAddress(d))).length;
      return warm >= WARM && !this.starting() && this.shimPids().length === busy.size + warm;
    }, `skiff: ${WARM} warm shim(s) ready and ${busy.size} busy, nothing starting or retiring`);
  }

  async createContainer(id, spec, shimGroup = '') {
    const options = { name: 'builtin', root: this.runtimeRoot, runtimeArgs: [], logPathJsonFile: '', logOptions: { maxSizeBytes: '0', maxFiles: 0 } };
    await this.containers('Create', { container: { id, spec, runtime: { name: 'builtin', options, shimGroup } } });
    this.ids.add(id);
  }

  async deleteContainer(id) {
    await this.containers('Delete', { id });
    this.ids.delete(id);
  }

  shimOf(id) {
    return readAddress(path.join(this.state, this.namespace, id));
  }

  /** Kills and deletes every task and container left; used by cleanup, so it never throws. */
  async removeAll() {
    let removed = 0;
    let listed = [];
    try {
      listed = (await this.tasks('List', {}, 10_000)).tasks ?? [];
    } catch {
      // containerd gone: the process sweep in cleanup handles what is left.
    }
    for (const t of listed) {
      const id = t.containerId ?? t.id;
      try {
        if (t.status !== 'STOPPED') await this.tasks('Kill', { containerId: id, signal: 9 }, 10_000);
        await this.tasks('Wait', { containerId: id }, 10_000);
        await this.tasks('Delete', { containerId: id }, 10_000);
        removed++;
      } catch {
        // Left to the sweep.
      }
    }
    for (const id of [...this.ids]) await this.deleteContainer(id).catch(() => undefined);
    return removed;
  }

  close() {
    for (const c of this.clients.splice(0)) c.close();
  }
}

// ---------------------------------------------------------------- containerd (Debian's)
class Containerd {
  constructor(ctx) {
    this.ctx = ctx;
    this.dir = path.join(ctx.tmp, 'containerd');
    this.address = path.join(this.dir, 'containerd.sock');
    this.state = path.join(this.dir, 'state');
    this.runcRoot = path.join(this.dir, 'runc');
    this.log = path.join(this.dir, 'containerd.log');
    this.namespace = ctx.namespace;
    this.ids = new Set();
    /** Shim sockets seen in task bundles: containerd 1.6 puts them in /run/containerd/s whatever its state dir. */
    this.sockets = new Set();
  }

  async start() {
    fs.mkdirSync(this.dir, { recursive: true });
    const config = path.join(this.dir, 'config.toml');
    // Every path containerd would otherwise take from /var/lib, /run or /opt goes under the temp
    // dir; CRI is off (it is not what is measured, and it would start a CNI/sandbox machinery).
    fs.writeFileSync(
      config,
      [
        'version = 2',
        `root = ${JSON.stringify(path.join(this.dir, 'root'))}`,
        `state = ${JSON.stringify(this.state)}`,
        'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
        '[grpc]',
        `  address = ${JSON.stringify(this.address)}`,
        '[ttrpc]',
        '  address = ""',
        '[debug]',
        '  address = ""',
        '[plugins."io.containerd.internal.v1.opt"]',
        `  path = ${JSON.stringify(path.join(this.dir, 'opt'))}`,
        '',
      ].join('\n'),
    );
    const fd = fs.openSync(this.log, 'a');
    this.child = track(spawn(CONTAINERD, ['--config', config], { stdio: ['ignore', 'ignore', fd] }));
    fs.closeSync(fd);
    await until(async () => {
      if (this.child.exitCode !== null) throw new Error(`containerd exited ${this.child.exitCode}: ${fs.readFileSync(this.log, 'utf8').slice(-2000)}`);
      const r = await run(CTR, ['--address', this.address, 'version'], { timeoutMs: 5_000 });
      return r.code === 0;
    }, 'containerd answers `ctr version`');
  }

  ctr(args, opts) {
    return mustRun(CTR, ['--address', this.address, '--namespace', this.namespace, ...args], opts);
  }

  /** `ctr run --rootfs` takes a directory as it is: no image, no snapshotter. */
  async runDetached(id, rootfs, args) {
    this.ids.add(id);
    await this.ctr(['run', '--detach', '--null-io', '--runc-root', this.runcRoot, '--rootfs', rootfs, id, ...args]);
    try {
      const address = fs.readFileSync(path.join(this.state, 'io.containerd.runtime.v2.task', this.namespace, id, 'address'), 'utf8').trim();
      this.sockets.add(address.replace(/^unix:\/\//, ''));
    } catch {
      // Older layouts keep no address file; the shim removes its socket itself anyway.
    }
  }

  async remove(id) {
    await this.ctr(['task', 'delete', '--force', id]).catch(() => undefined);
    await this.ctr(['container', 'delete', id]);
    this.ids.delete(id);
  }

  /** The long-lived shims of this containerd (not their short `start`/`delete` invocations). */
  shimPids() {
    return processes()
      .filter((p) => path.basename(p.argv[0]) === GO_SHIM && p.argv.includes(this.address) && !p.argv.includes('start') && !p.argv.includes('delete'))
      .map((p) => p.pid);
  }

  async removeAll() {
    let removed = 0;
    for (const id of [...this.ids]) {
      await this.remove(id).then(
        () => removed++,
        () => undefined,
      );
    }
    return removed;
  }
}

// ---------------------------------------------------------------- cleanup
const CGROUP_MOUNT = '/sys/fs/cgroup';

/** Directories below /sys/fs/cgroup/<hierarchy>/ whose name starts with prefix, deepest first. */
function findCgroups(prefix) {
  const found = [];
  const walk = (dir, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const p = path.join(dir, e.name);
      if (e.name.startsWith(prefix)) found.push(p);
      if (depth < 8) walk(p, depth + 1);
    }
  };
  if (fs.existsSync(path.join(CGROUP_MOUNT, 'cgroup.controllers'))) walk(CGROUP_MOUNT, 0);
  else {
    let hierarchies = [];
    try {
      hierarchies = fs.readdirSync(CGROUP_MOUNT, { withFileTypes: true }).filter((e) => e.isDirectory());
    } catch {
      // No cgroup mount: nothing to clean.
    }
    for (const h of hierarchies) walk(path.join(CGROUP_MOUNT, h.name), 0);
  }
  return found.sort((a, b) => b.split('/').length - a.split('/').length);
}

function pause(ms) {
  spawnSync('sleep', [String(ms / 1000)]);
}

function removeCgroup(dir) {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      for (const pid of fs.readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    } catch {
      // No cgroup.procs: removed meanwhile.
    }
    try {
      fs.rmdirSync(dir);
      return true;
    } catch (err) {
      if (err.code === 'ENOENT') return true;
      reapZombies();
      pause(20);
    }
  }
  return false;
}

/** Live processes whose command line mentions the temp dir: both containerds and their shims. */
function ownProcesses(tmp) {
  return processes()
    .filter((p) => p.argv.some((a) => a.includes(tmp)))
    .filter((p) => {
      const s = procStat(p.pid);
      return s && s.state !== 'Z';
    })
    .map((p) => p.pid);
}

function mountsUnder(dir) {
  try {
    return fs
      .readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4])
      .filter((m) => m && (m === dir || m.startsWith(`${dir}/`)))
      .sort((a, b) => b.length - a.length);
  } catch {
    return [];
  }
}

function stopChild(child, signal) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(signal);
  } catch {
    // Gone.
  }
}

/** Waits (synchronously, it also runs from a signal handler) until no process of ours is left. */
function waitGone(tmp, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    reapZombies();
    if (ownProcesses(tmp).length === 0) return true;
    pause(50);
  }
  return false;
}

/**
 * Synchronous, so it can run from finally and from signal handlers (after the graceful part, which
 * needs the event loop, when there is time for it). Order: the daemons (SIGTERM, then SIGKILL),
 * every process still naming the temp dir (shims), every cgroup named with the prefix (which kills
 * what runs in it), whatever runc still lists, mounts, the temp dir, the Go shims' sockets.
 */
function cleanup(ctx) {
  const report = { skiff_shims_killed: 0, processes_killed: 0, cgroups_removed: 0, runc_deleted: 0, unmounted: 0, leftover_processes: [], leftover_cgroups: [], leftover_mounts: [] };
  for (const client of [ctx.skiff, ctx.containerd]) client?.close?.();
  for (const child of inflight) if (child !== ctx.skiff?.child && child !== ctx.containerd?.child) stopChild(child, 'SIGKILL');
  stopChild(ctx.skiff?.child, 'SIGTERM');
  stopChild(ctx.containerd?.child, 'SIGTERM');
  if (ctx.tmp) {
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && [ctx.skiff?.child, ctx.containerd?.child].some((c) => c && c.exitCode === null && c.signalCode === null && isLive(c.pid))) pause(50);
    stopChild(ctx.skiff?.child, 'SIGKILL');
    stopChild(ctx.containerd?.child, 'SIGKILL');
    // A clean stop of skiff-containerd sends its idle warm shims a Shutdown, which each answers
    // before it exits in its own time (~0.5 s): those are waited for, not counted as left over.
    const settled = Date.now() + 2_000;
    while (Date.now() < settled && ownProcesses(ctx.tmp).some((pid) => isSkiffShim(ctx, pid))) {
      reapZombies();
      pause(50);
    }
    for (const pid of ownProcesses(ctx.tmp)) {
      try {
        // A skiff shim still here is counted apart: after a clean run none is expected.
        const skiffShim = isSkiffShim(ctx, pid);
        process.kill(pid, 'SIGKILL');
        if (skiffShim) report.skiff_shims_killed++;
        else report.processes_killed++;
      } catch {
        // Gone.
      }
    }
    waitGone(ctx.tmp, 5_000);
  }
  if (ctx.prefix) for (const dir of findCgroups(ctx.prefix)) if (removeCgroup(dir)) report.cgroups_removed++;
  for (const root of ctx.runcRoots ?? []) {
    const roots = [root];
    // ctr's --runc-root gets a directory per namespace.
    try {
      for (const e of fs.readdirSync(root, { withFileTypes: true })) if (e.isDirectory() && !fs.existsSync(path.join(root, e.name, 'state.json'))) roots.push(path.join(root, e.name));
    } catch {
      continue;
    }
    for (const r of roots) {
      const listed = spawnSync(RUNC, ['--root', r, 'list', '-q'], { encoding: 'utf8', timeout: 30_000 });
      for (const id of (listed.stdout || '').split('\n').map((s) => s.trim()).filter(Boolean)) {
        spawnSync(RUNC, ['--root', r, 'delete', '--force', id], { stdio: 'ignore', timeout: 30_000 });
        report.runc_deleted++;
      }
    }
  }
  reapZombies();
  if (ctx.tmp) {
    for (const m of mountsUnder(ctx.tmp)) if (spawnSync('umount', ['-l', m]).status === 0) report.unmounted++;
    report.leftover_processes = ownProcesses(ctx.tmp);
    report.leftover_mounts = mountsUnder(ctx.tmp);
  }
  if (ctx.prefix) report.leftover_cgroups = findCgroups(ctx.prefix);
  if (ctx.tmp && report.leftover_mounts.length === 0) fs.rmSync(ctx.tmp, { recursive: true, force: true });
  for (const socket of ctx.containerd?.sockets ?? []) fs.rmSync(socket, { force: true });
  // containerd 1.6 makes /run/containerd/{s,runc} whatever its config says: remove what we made, if empty.
  for (const dir of ['/run/containerd/s', '/run/containerd/runc', '/run/containerd']) {
    if (ctx.preexisting && !ctx.preexisting.has(dir)) {
      try {
        fs.rmdirSync(dir);
      } catch {
        // Not empty (someone else's) or not there.
      }
    }
  }
  return report;
}

/** A skiff-shim serving under this run's socket directory. */
function isSkiffShim(ctx, pid) {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.includes('serve') && argv.some((a) => ctx.skiff && a.startsWith(`${ctx.skiff.socketDir}/`));
  } catch {
    return false;
  }
}

function isLive(pid) {
  const s = procStat(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
}

// ---------------------------------------------------------------- (a) start → exit
/** Spawns `runc --root R run --bundle B id` with /dev/null stdio; resolves with its wall time. */
function timedRunc(root, bundle, id) {
  return new Promise((resolve, reject) => {
    const t0 = nowMs();
    const child = spawn(RUNC, ['--root', root, 'run', '--bundle', bundle, id], { stdio: ['ignore', 'ignore', 'ignore'] });
    if (child.pid) track(child);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = nowMs() - t0;
      if (interrupted) return reject(new Interrupted(`interrupted by ${interrupted}`));
      if (code === 0) return resolve(ms);
      // Again with stderr to a file, to say why (a half-created container could hold a pipe open).
      const log = path.join(path.dirname(root), `diag-${id}.log`);
      const fd = fs.openSync(log, 'w');
      const again = spawnSync(RUNC, ['--root', root, 'run', '--bundle', bundle, `${id}-diag`], { stdio: ['ignore', 'ignore', fd], timeout: 30_000, killSignal: 'SIGKILL' });
      fs.closeSync(fd);
      reject(new Error(`runc run ${id} exited ${code ?? signal}; a diagnostic rerun exited ${again.status ?? again.signal}: ${fs.readFileSync(log, 'utf8').trim()}`));
    });
  });
}

/** One container of `true` through skiff-containerd; the container record is made before timing. */
async function timedSkiff(skiff, spec, id, shimGroup = '') {
  const shimsBefore = new Set(skiff.shimPids());
  await skiff.createContainer(id, spec, shimGroup);
  const t0 = nowMs();
  await skiff.tasks('Create', { containerId: id });
  const t1 = nowMs();
  // As containerd's own client does (ctr run: task.Wait, then task.Start): the Wait is in flight
  // before the Start, so the exit is answered as soon as skiff-containerd learns it.
  const waiting = skiff.tasks('Wait', { containerId: id });
  await skiff.tasks('Start', { containerId: id });
  const t2 = nowMs();
  const exit = await waiting;
  const t3 = nowMs();
  // No shim process started between create and exit: the task ran in a shim that was already up
  // (a warm one; after Delete it is recycled into the pool, so its directory stays).
  const usedWarm = skiff.shimPids().every((pid) => shimsBefore.has(pid));
  await skiff.tasks('Delete', { containerId: id });
  const t4 = nowMs();
  await skiff.deleteContainer(id);
  checkInterrupted();
  if (exit.exitStatus !== 0) throw new Error(`skiff task ${id} exited ${exit.exitStatus}`);
  return { exit_ms: t3 - t0, deleted_ms: t4 - t0, create_ms: t1 - t0, start_ms: t2 - t1, wait_ms: t3 - t2, delete_ms: t4 - t3, usedWarm };
}

function printTable(title, rows) {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(`  ${'what'.padEnd(52)}${'median'.padStart(8)}${'p90'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}   (ms, n)\n`);
  for (const [name, s] of rows) {
    process.stdout.write(`  ${name.padEnd(52)}${fmt(s.median_ms)}${fmt(s.p90_ms)}${fmt(s.min_ms)}${fmt(s.max_ms)}   n=${s.n}\n`);
  }
}

async function phaseStart(ctx, opts, bundle, spec) {
  const skiff = ctx.skiff;
  const runcRoot = path.join(ctx.tmp, 'runc-root');
  ctx.runcRoots.push(runcRoot);
  const trueSpec = spec(['true']);
  // Context, not the headline: a shim group kept alive by a sleeping container, so its tasks run
  // in a shim whose code has already run (JIT-compiled, caches filled) instead of a fresh one.
  const hotGroup = `${ctx.prefix}-hot`;
  const keeper = `${ctx.prefix}-keep`;
  await skiff.settle();
  await skiff.createContainer(keeper, spec(['sleep', '1000000']), hotGroup);
  await skiff.tasks('Create', { containerId: keeper });
  await skiff.tasks('Start', { containerId: keeper });
  const busy = new Set([skiff.shimOf(keeper)]);
  const s = { exit: [], deleted: [], create: [], start: [], wait: [], delete: [] };
  const hot = { exit: [], deleted: [] };
  const r = [];
  let warmUsed = 0;
  let seq = 0;
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    checkInterrupted();
    await skiff.settle(busy);
    const a = await timedSkiff(skiff, trueSpec, `${ctx.prefix}-s${seq++}`);
    await skiff.settle(busy);
    const b = await timedRunc(runcRoot, bundle, `${ctx.prefix}-r${seq++}`);
    await skiff.settle(busy);
    const c = await timedSkiff(skiff, trueSpec, `${ctx.prefix}-h${seq++}`, hotGroup);
    if (i >= opts.warmup) {
      s.exit.push(a.exit_ms);
      s.deleted.push(a.deleted_ms);
      for (const k of ['create', 'start', 'wait', 'delete']) s[k].push(a[`${k}_ms`]);
      r.push(b);
      hot.exit.push(c.exit_ms);
      hot.deleted.push(c.deleted_ms);
      if (a.usedWarm) warmUsed++;
    }
  }
  await skiff.tasks('Kill', { containerId: keeper, signal: 9 });
  await skiff.tasks('Wait', { containerId: keeper });
  await skiff.tasks('Delete', { containerId: keeper });
  await skiff.deleteContainer(keeper);
  const exit = summary(s.exit);
  const deleted = summary(s.deleted);
  const hotExit = summary(hot.exit);
  const hotDeleted = summary(hot.deleted);
  const runc = summary(r);
  const result = {
    skiff_exit_ms: exit.median_ms,
    skiff_deleted_ms: deleted.median_ms,
    runc_ms: runc.median_ms,
    ratio_exit: round(exit.median_ms / runc.median_ms),
    ratio_deleted: round(deleted.median_ms / runc.median_ms),
    skiff_exit: exit,
    skiff_deleted: deleted,
    skiff_phases_median_ms: Object.fromEntries(['create', 'start', 'wait', 'delete'].map((k) => [`${k}_ms`, round(median(s[k]))])),
    runc,
    hot_shim: { exit: hotExit, deleted: hotDeleted, ratio_exit: round(hotExit.median_ms / runc.median_ms), ratio_deleted: round(hotDeleted.median_ms / runc.median_ms) },
    warm_shim_used: `${warmUsed}/${opts.runs}`,
    order: 'interleaved skiff (warm shim), runc, skiff (hot group shim), ...; before each run: warm pool full, no shim starting or retiring',
  };
  printTable('(a) `true`: skiff Tasks.Create→Start→Wait(→Delete) over gRPC with a warm shim vs `runc run`, interleaved S R H S R H', [
    ['skiff, warm shim: create+start→exit', exit],
    ['skiff, warm shim: create+start→exit→deleted', deleted],
    ['runc run (spawn → exit; runc deletes on exit)', runc],
    ['context: skiff, hot group shim: create+start→exit', hotExit],
    ['context: skiff, hot group shim: …→deleted', hotDeleted],
  ]);
  const ph = result.skiff_phases_median_ms;
  process.stdout.write(
    `  skiff warm-shim phases (medians): Tasks.Create ${ph.create_ms} / Start ${ph.start_ms} / Wait ${ph.wait_ms} / Delete ${ph.delete_ms} ms\n` +
      `  warm shim: before every skiff run the pool is back to ${WARM} ready warm shim(s) (shim.address written), no shim starting or retiring;\n` +
      `    the task ran in a warm shim in ${result.warm_shim_used} timed runs (a warm shim serves one task at a time and is recycled into the pool after Delete)\n` +
      `  hot group shim (context): tasks of shim group "${hotGroup}", whose shim stays up holding one sleeping container\n` +
      `  ratio skiff/runc (medians), warm shim: ${result.ratio_exit.toFixed(2)}x to exit, ${result.ratio_deleted.toFixed(2)}x to deleted   (goal <= 1.00)\n` +
      `  ratio skiff/runc (medians), hot group shim: ${result.hot_shim.ratio_exit.toFixed(2)}x to exit, ${result.hot_shim.ratio_deleted.toFixed(2)}x to deleted\n`,
  );
  return result;
}

// ---------------------------------------------------------------- (b) memory
/** Three samples a second apart, after a settling pause; the one with the median PSS. */
async function measure(pidsOf, expected, what) {
  await sleep(2_000);
  const samples = [];
  for (let i = 0; i < 3; i++) {
    checkInterrupted();
    reapZombies();
    const pids = pidsOf();
    if (pids.length !== expected) throw new Error(`${what}: ${pids.length} shim processes, expected ${expected}`);
    samples.push(sampleMemory(pids));
    if (i < 2) await sleep(1_000);
  }
  samples.sort((a, b) => a.pss - b.pss);
  return { ...samples[1], node_processes_on_host: nodeProcessCount() };
}

async function skiffMemory(ctx, spec, n, grouped) {
  const skiff = ctx.skiff;
  const sleepSpec = spec(['sleep', '1000000']);
  const ids = [];
  const group = grouped ? `${ctx.prefix}-g` : '';
  await skiff.settle();
  for (let i = 0; i < n; i++) {
    checkInterrupted();
    const id = `${ctx.prefix}-m${ctx.seq++}`;
    await skiff.createContainer(id, sleepSpec, group);
    ids.push(id);
    await skiff.tasks('Create', { containerId: id });
    await skiff.tasks('Start', { containerId: id });
  }
  const holding = new Set(ids.map((id) => skiff.shimOf(id)));
  await skiff.settle(holding);
  // Only the shims that hold a task count; the idle warm one is reported on its own.
  const sockets = [...holding].map((a) => a.replace(/^unix:\/\//, ''));
  const holders = () => processes().filter((p) => p.argv.includes('serve') && sockets.some((s) => p.argv.includes(s))).map((p) => p.pid);
  const m = await measure(holders, holding.size, `skiff ${grouped ? 'grouped' : 'own'} n=${n}`);
  const warmPids = skiff.shimPids().filter((pid) => !holders().includes(pid));
  const warm = warmPids.length ? sampleMemory(warmPids) : undefined;
  for (const id of ids) {
    await skiff.tasks('Kill', { containerId: id, signal: 9 });
    await skiff.tasks('Wait', { containerId: id });
    await skiff.tasks('Delete', { containerId: id });
    await skiff.deleteContainer(id);
  }
  await skiff.settle();
  return { ...m, shims: holding.size, idle_warm: warm };
}

async function containerdMemory(ctx, rootfs, n) {
  const c = ctx.containerd;
  const ids = [];
  for (let i = 0; i < n; i++) {
    checkInterrupted();
    const id = `${ctx.prefix}-c${ctx.seq++}`;
    await c.runDetached(id, rootfs, ['/bin/sleep', '1000000']);
    ids.push(id);
  }
  const m = await measure(() => c.shimPids(), n, `containerd-shim-runc-v2 n=${n}`);
  for (const id of ids) await c.remove(id);
  await until(() => (reapZombies(), c.shimPids().length === 0), 'containerd shims exit');
  return { ...m, shims: n };
}

async function phaseMemory(ctx, opts, rootfs, spec) {
  const counts = [...new Set([1, opts.containers])];
  const rows = [];
  for (const n of counts) {
    rows.push({ mode: 'containerd-shim-runc-v2', n, ...(await containerdMemory(ctx, rootfs, n)) });
    rows.push({ mode: 'skiff-shim, one per container', n, ...(await skiffMemory(ctx, spec, n, false)) });
    rows.push({ mode: 'skiff-shim, grouped (one shim group)', n, ...(await skiffMemory(ctx, spec, n, true)) });
  }
  for (const row of rows) {
    const base = rows.find((x) => x.mode === 'containerd-shim-runc-v2' && x.n === row.n);
    row.pss_per_container_kb = round(row.pss / row.n, 0);
    row.rss_per_container_kb = round(row.rss / row.n, 0);
    row.uss_per_container_kb = round(row.uss / row.n, 0);
    row.ratio_pss = round(row.pss / base.pss);
  }
  process.stdout.write(
    '\n(b) memory of the shim processes per running `sleep` container (smaps_rollup; median of 3 samples 1 s apart, after 2 s)\n' +
      `  ${'mode'.padEnd(38)}${'n'.padStart(4)}${'shims'.padStart(7)}${'PSS/ctr'.padStart(10)}${'RSS/ctr'.padStart(10)}${'USS/ctr'.padStart(10)}${'PSS total'.padStart(11)}${'PSS vs ctrd'.padStart(13)}\n`,
  );
  for (const row of rows) {
    process.stdout.write(
      `  ${row.mode.padEnd(38)}${String(row.n).padStart(4)}${String(row.shims).padStart(7)}` +
        `${`${mb(row.pss_per_container_kb).toFixed(2)} MB`.padStart(10)}${`${mb(row.rss_per_container_kb).toFixed(2)} MB`.padStart(10)}` +
        `${`${mb(row.uss_per_container_kb).toFixed(2)} MB`.padStart(10)}${`${mb(row.pss).toFixed(1)} MB`.padStart(11)}${`${row.ratio_pss.toFixed(2)}x`.padStart(13)}\n`,
    );
  }
  const warm = rows.find((r) => r.idle_warm)?.idle_warm;
  process.stdout.write(
    '  PSS/RSS/USS = Pss / Rss / Private_Clean+Private_Dirty summed over the shim processes holding the containers, divided by n.\n' +
      `  Not counted: skiff-containerd's idle warm shim (${warm ? `${mb(warm.pss).toFixed(2)} MB PSS, ${mb(warm.rss).toFixed(2)} MB RSS` : 'none'}), both containerd daemons, the containers.\n` +
      `  Node processes on the host while sampling skiff, the measured shims included (all share node's text pages, which lowers each one's PSS): ${rows.filter((r) => r.mode !== 'containerd-shim-runc-v2').map((r) => r.node_processes_on_host).join(', ')}\n`,
  );
  for (const n of counts) {
    const own = rows.find((r) => r.n === n && r.mode.includes('one per'));
    const grp = rows.find((r) => r.n === n && r.mode.includes('grouped'));
    process.stdout.write(`  n=${n}: PSS per container vs containerd-shim-runc-v2: one shim per container ${own.ratio_pss.toFixed(2)}x, grouped ${grp.ratio_pss.toFixed(2)}x   (goal <= 1.00)\n`);
  }
  return rows.map((r) => ({
    mode: r.mode,
    n: r.n,
    shims: r.shims,
    pss_per_container_kb: r.pss_per_container_kb,
    rss_per_container_kb: r.rss_per_container_kb,
    uss_per_container_kb: r.uss_per_container_kb,
    pss_total_kb: r.pss,
    rss_total_kb: r.rss,
    ratio_pss_vs_containerd: r.ratio_pss,
    node_processes_on_host: r.node_processes_on_host,
    ...(r.idle_warm ? { idle_warm_shim_kb: { pss: r.idle_warm.pss, rss: r.idle_warm.rss, uss: r.idle_warm.uss } } : {}),
  }));
}

// ---------------------------------------------------------------- main
function versionOf(bin, args) {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return (r.stdout || '').split('\n')[0].trim();
}

function distNote() {
  // The benchmark measures the built code in packages/*/dist; say so when a src is newer.
  const newest = (dir, ext) => {
    let t = 0;
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith(ext)) t = Math.max(t, fs.statSync(p).mtimeMs);
      }
    };
    walk(dir);
    return t;
  };
  const out = {};
  for (const dir of DISTS) {
    const built = newest(path.join(dir, 'dist'), '.js');
    out[path.basename(dir)] = { dist_built: new Date(built).toISOString(), src_newer_than_dist: newest(path.join(dir, 'src'), '.ts') > built };
  }
  return out;
}

function cgroupMode() {
  if (fs.existsSync('/sys/fs/cgroup/cgroup.controllers')) return 'v2';
  if (fs.existsSync('/sys/fs/cgroup/unified/cgroup.controllers')) return 'v1-hybrid';
  return 'v1';
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  preflight(opts);
  becomeSubreaper();
  const reaper = setInterval(reapZombies, 100);
  const ctx = {
    tmp: undefined,
    prefix: undefined,
    namespace: undefined,
    skiff: undefined,
    containerd: undefined,
    runcRoots: [],
    seq: 0,
    preexisting: new Set(['/run/containerd/s', '/run/containerd/runc', '/run/containerd'].filter((d) => fs.existsSync(d))),
  };
  let cleaned = false;
  const doCleanup = () => {
    if (cleaned) return undefined;
    cleaned = true;
    return cleanup(ctx);
  };
  // First SIGINT/SIGTERM: the step in flight finishes, then the loops stop and finally cleans up
  // (tasks through the APIs first). Over 20 s, or a second signal: clean up here, hard, and exit.
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      const hard = () => {
        const r = doCleanup();
        if (r) process.stderr.write(`cleanup: ${JSON.stringify(r)}\n`);
        process.exit(sig === 'SIGINT' ? 130 : 143);
      };
      if (interrupted) hard();
      interrupted = sig;
      process.stderr.write(`\n${sig}: stopping after the step in flight, then cleaning up\n`);
      setTimeout(hard, 20_000).unref();
    });
  }

  const result = {
    bench: 'shim',
    date: new Date().toISOString(),
    host: { cpus: os.cpus().length, kernel: os.release(), node: process.version, cgroup: cgroupMode(), loadavg_start: os.loadavg().map((x) => round(x)) },
    runc: versionOf(RUNC, ['--version']),
    skiff_build: distNote(),
    runs: opts.runs,
    warmup: opts.warmup,
    containers: opts.containers,
    warm_size: WARM,
  };
  try {
    ctx.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-bench-shim-'));
    // Namespace, container ids and so every cgroup name start with this; cleanup matches on it.
    ctx.namespace = `skb${process.pid}${Math.random().toString(36).slice(2, 6)}`;
    ctx.prefix = ctx.namespace;
    const bundle = path.join(ctx.tmp, 'bundle');
    const rootfs = path.join(bundle, 'rootfs');
    const applets = buildRootfs(rootfs);
    const spec = makeSpec(bundle);
    ctx.skiff = new Skiff(ctx);
    ctx.runcRoots.push(ctx.skiff.runtimeRoot);
    await ctx.skiff.start();
    result.skiff_containerd = ctx.skiff.version;
    if (opts.phase !== 'start') {
      ctx.containerd = new Containerd(ctx);
      ctx.runcRoots.push(ctx.containerd.runcRoot);
      await ctx.containerd.start();
      result.containerd = versionOf(CONTAINERD, ['--version']);
    }
    process.stdout.write(
      `shim bench: rootfs ${rootfs} (busybox + ${applets} applets), namespace ${ctx.namespace}, load average ${result.host.loadavg_start.join(' ')}\n` +
        `  skiff-containerd ${result.skiff_containerd} (shim.warm.size ${WARM}, builtin runtime)   ${result.runc} (${RUNC})` +
        `${result.containerd ? `\n  ${result.containerd} with ${GO_SHIM}` : ''}\n`,
    );
    for (const [pkg, note] of Object.entries(result.skiff_build)) {
      if (note.src_newer_than_dist) process.stdout.write(`  note: packages/${pkg}/src has edits newer than dist (built ${note.dist_built}); measuring dist\n`);
    }
    if (opts.phase !== 'memory') {
      process.stdout.write(`  (a): ${opts.runs} timed pairs after ${opts.warmup} warm-up\n`);
      result.start = await phaseStart(ctx, opts, bundle, spec);
    }
    if (opts.phase !== 'start') result.memory = await phaseMemory(ctx, opts, rootfs, spec);
  } finally {
    if (!cleaned && ctx.tmp) {
      // The graceful part: what the APIs can still remove, before the sweep.
      const graceful = Promise.all([ctx.skiff?.removeAll(), ctx.containerd?.removeAll()]);
      const removed = await Promise.race([graceful, sleep(30_000).then(() => undefined)]).catch(() => undefined);
      result.cleanup_api = { skiff_tasks_removed: removed?.[0] ?? 0, containerd_containers_removed: removed?.[1] ?? 0 };
    }
    const r = doCleanup();
    clearInterval(reaper);
    if (r) {
      result.cleanup = r;
      const ok = !r.leftover_processes.length && !r.leftover_cgroups.length && !r.leftover_mounts.length;
      process.stdout.write(
        `\ncleanup: ${result.cleanup_api?.skiff_tasks_removed ?? 0} skiff task(s) and ${result.cleanup_api?.containerd_containers_removed ?? 0} containerd container(s) left to remove, ` +
          `${r.skiff_shims_killed} skiff-shim(s) (still there 2 s after skiff-containerd's stop) and ${r.processes_killed} other process(es) killed, ${r.cgroups_removed} cgroup(s) removed (after a clean run: containerd's per-namespace parents, one per hierarchy), ${r.runc_deleted} runc container(s) deleted, ${r.unmounted} unmounted; ` +
          `${ok ? 'nothing left (both containerds, shims, temp dir removed)' : `LEFT: ${JSON.stringify(r)}`}\n`,
      );
    }
  }
  result.host.loadavg_end = os.loadavg().map((x) => round(x));
  process.stdout.write(`load average (1/5/15 min): ${result.host.loadavg_start.join(' ')} at start, ${result.host.loadavg_end.join(' ')} at end\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  if (err instanceof Interrupted || interrupted) {
    process.stderr.write(`bench/shim: ${err.message}; no figures\n`);
    process.exitCode = interrupted === 'SIGTERM' ? 143 : 130;
    return;
  }
  process.stderr.write(`bench/shim: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
