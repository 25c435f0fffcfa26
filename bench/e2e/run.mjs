#!/usr/bin/env node
// End-to-end benchmark: skiffd (with the skiff-containerd it starts) against Debian's dockerd
// (with the containerd it starts), both driven by the same docker CLI, side by side.
//
//   node bench/e2e/run.mjs [--runs N] [--warmup W] [--containers N] [--only run,exec,logs,ps,restart]
//   (env: BENCH_RUNS, BENCH_WARMUP, BENCH_CONTAINERS; DOCKERD=/usr/sbin/dockerd, DOCKER=<cli>)
//
// Set-up, all under one short mkdtemp directory (/tmp/sbe-XXXXXX: daemons put unix sockets under
// it): a rootfs tar of the host's static /bin/busybox with one symlink per applet; skiffd on its
// own socket, data root, exec root, pid file and daemon.json ({}); dockerd on its own socket, data
// root, exec root, pid file and daemon.json ({}), no bridge, no iptables; on each side the image
// is `docker import -c 'CMD ["sh"]' rootfs.tar busybox:latest`. The docker CLI gets DOCKER_HOST and
// a private DOCKER_CONFIG.
//
// Scenarios, each with W warm-up pairs then N timed pairs, interleaved, alternating which side goes
// first, every time taken from spawn() to the 'exit' event of the command:
//   run      docker run --rm --network none busybox true
//   exec     docker exec bench-c echo hi (bench-c: docker run -d --name bench-c --network none busybox sleep 100000;
//            Docker refuses one-character names)
//   logs     docker run -d --network none busybox sh -c 'yes <40 characters> | head -c 20000000', then
//            docker wait: 20 MB in 487,805 lines through the daemon's json-file log (timed from the
//            run's spawn to the wait's exit; the first warm-up checks that `docker logs` gives back
//            every byte)
//   ps       docker ps                   (with --containers more `sleep` containers running)
//   restart  SIGTERM to the daemon, wait for its exit (not timed), spawn it again: timed from the
//            spawn until GET /_ping on its socket answers 200. skiffd keeps containers running;
//            dockerd (no live-restore) stops them on shutdown: the running count after each restart
//            is reported.
// A scenario whose command fails on one side is "unsupported" on that side (with the error).
// Prints medians, p90, ratio skiff/docker with the goal, then one JSON line. Cleanup (finally, and
// on SIGINT/SIGTERM): docker rm -f of every container on both sides, both daemons (SIGTERM, then
// SIGKILL after 15 s), every process still naming the directory (containerds, shims), the cgroups
// named after container ids, the mounts under the directory (deepest first, lazily if needed), the
// directory; it prints what it had to clean and what is left.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(path.join(repo, 'package.json'));

// ---------------------------------------------------------------- options
const SCENARIOS = ['run', 'exec', 'logs', 'ps', 'restart'];
const GOALS = { run: 0.4, exec: 0.5, logs: null, ps: null, restart: 0.5 };

function parseArgs(argv) {
  const opts = {
    runs: Number(process.env.BENCH_RUNS ?? 10),
    warmup: Number(process.env.BENCH_WARMUP ?? 2),
    containers: Number(process.env.BENCH_CONTAINERS ?? 50),
    only: SCENARIOS,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '-n' || flag === '--runs') opts.runs = Number(value());
    else if (flag === '-w' || flag === '--warmup') opts.warmup = Number(value());
    else if (flag === '-c' || flag === '--containers') opts.containers = Number(value());
    else if (flag === '--only') opts.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (flag === '-h' || flag === '--help') {
      process.stdout.write('usage: node bench/e2e/run.mjs [--runs N] [--warmup W] [--containers N] [--only run,exec,logs,ps,restart]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isInteger(opts.warmup) || opts.warmup < 0) throw new Error('--warmup must be a non-negative integer');
  if (!Number.isInteger(opts.containers) || opts.containers < 1 || opts.containers > 500) throw new Error('--containers must be 1..500');
  for (const s of opts.only) if (!SCENARIOS.includes(s)) throw new Error(`--only: unknown scenario ${s} (${SCENARIOS.join(', ')})`);
  return opts;
}

const DOCKERD = process.env.DOCKERD ?? '/usr/sbin/dockerd';
const DOCKER = process.env.DOCKER ?? ['/usr/local/bin/docker', '/usr/bin/docker'].find((p) => fs.existsSync(p));
const SKIFFD = path.join(repo, 'packages/daemon/bin/skiffd');
const DISTS = ['runc', 'shim', 'containerd', 'daemon'].map((p) => path.join(repo, 'packages', p));
/** Grace of a daemon stop in the restart scenario: dockerd waits up to 10 s for each container's stop. */
const RESTART_STOP_GRACE_MS = 60_000;
/** Grace of the daemons' stop in cleanup, then SIGKILL. */
const CLEANUP_STOP_GRACE_MS = 15_000;
/** Process names cleanup looks for among what still names the directory. */
const DAEMON_NAMES = ['skiffd', 'skiff-containerd', 'skiff-shim', 'dockerd', 'containerd', 'containerd-shim', 'containerd-shim-runc-v2'];

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
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
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
const nowMs = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pauseSync = (ms) => spawnSync('sleep', [String(ms / 1000)]);

// ---------------------------------------------------------------- processes and reaping
/**
 * Shims (skiff-shim, containerd-shim-runc-v2) detach from whoever starts them and are re-parented
 * to the nearest subreaper; PID 1 on this VM never reaps, so without one every exited shim would
 * stay a zombie. This process is that subreaper and reaps what is re-parented to it, except the
 * children node spawned itself (libuv reaps those and must see their exit).
 */
let sys;
const PR_SET_CHILD_SUBREAPER = 36;
const WNOHANG = 1;
const libuvChildren = new Set();
const inflight = new Set();

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

function track(child) {
  if (!child.pid) return child;
  libuvChildren.add(child.pid);
  inflight.add(child);
  child.on('exit', () => {
    inflight.delete(child);
    libuvChildren.delete(child.pid);
  });
  return child;
}

/** Every live (non-zombie) process as { pid, argv }. */
function processes() {
  const out = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const s = procStat(pid);
      if (argv.length && s && s.state !== 'Z' && s.state !== 'X') out.push({ pid, argv });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** A short name for a process: the daemon/shim it is (node scripts by their script), else argv[0]. */
function procName(argv) {
  const base = (s) => path.basename(s ?? '');
  if (base(argv[0]) === 'node' || argv[0] === process.execPath) {
    const script = argv.slice(1).find((a) => !a.startsWith('-'));
    return base(script);
  }
  return base(argv[0]);
}

// ---------------------------------------------------------------- commands
/**
 * Spawns a command and resolves with { code, stdout, stderr, ms }: ms from spawn() to the 'exit'
 * event (the output is collected until 'close').
 */
function run(cmd, args, { env, timeoutMs = 120_000, input } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = nowMs();
    const child = track(spawn(cmd, args, { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] }));
    if (input !== undefined) child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    let ms;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', () => (ms = nowMs() - t0));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, stdout, stderr, ms: ms ?? nowMs() - t0 });
    });
  });
}

function firstLine(s) {
  return (s || '').trim().split('\n').filter(Boolean).slice(-3).join(' / ').slice(0, 400);
}

/** GET /_ping on a unix socket: resolves with the status, or 0 when nothing answers. */
function ping(socket, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    const req = http.request({ socketPath: socket, method: 'GET', path: '/_ping' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.end();
  });
}

/** Set by the first SIGINT/SIGTERM: the loops stop at their next step. */
let interrupted = null;
class Interrupted extends Error {}
function checkInterrupted() {
  if (interrupted) throw new Interrupted(`interrupted by ${interrupted}`);
}

// ---------------------------------------------------------------- the two sides
class Side {
  /**
   * @param name 'skiff' or 'docker'
   * @param socket the API socket
   * @param argv the daemon's command line ([cmd, ...args])
   */
  constructor(ctx, name, socket, argv, pidfile) {
    this.ctx = ctx;
    this.name = name;
    this.socket = socket;
    this.argv = argv;
    this.pidfile = pidfile;
    this.log = path.join(ctx.dir, `${name}.log`);
    this.child = undefined;
    this.ids = new Set();
    this.env = {
      PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
      HOME: ctx.dockerConfig,
      DOCKER_HOST: `unix://${socket}`,
      DOCKER_CONFIG: ctx.dockerConfig,
      DOCKER_CLI_HINTS: 'false',
    };
  }

  alive() {
    return this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the daemon; resolves with the ms from spawn() to the first 200 from /_ping. */
  async start(timeoutMs = 120_000) {
    const fd = fs.openSync(this.log, 'a');
    fs.writeSync(fd, `\n---- ${new Date().toISOString()} start\n`);
    const t0 = nowMs();
    // Own process group: a Ctrl-C in the terminal reaches the driver (which then cleans up through
    // the daemons), not the daemons themselves.
    const child = track(spawn(this.argv[0], this.argv.slice(1), { stdio: ['ignore', fd, fd], detached: true }));
    fs.closeSync(fd);
    this.child = child;
    const deadline = t0 + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.name} daemon exited ${child.exitCode ?? child.signalCode}: ${fs.readFileSync(this.log, 'utf8').slice(-1500)}`);
      }
      if ((await ping(this.socket, 1_000)) === 200) return nowMs() - t0;
      if (nowMs() > deadline) throw new Error(`${this.name}: /_ping not 200 within ${timeoutMs} ms`);
      checkInterrupted();
      await sleep(5);
    }
  }

  /** SIGTERM, then SIGKILL after graceMs; resolves with { ms, killed }. */
  async stop(graceMs) {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return { ms: 0, killed: false };
    const t0 = nowMs();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    let killed = false;
    if (!(await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]))) {
      killed = true;
      child.kill('SIGKILL');
      await exited;
    }
    return { ms: nowMs() - t0, killed };
  }

  docker(args, opts = {}) {
    return run(DOCKER, args, { env: this.env, ...opts });
  }

  async dockerOk(args, opts) {
    const r = await this.docker(args, opts);
    if (r.code !== 0) throw new Error(`docker ${args.join(' ')} (${this.name}) exited ${r.code}: ${firstLine(r.stderr || r.stdout)}`);
    return r;
  }

  /** `docker run -d ... sleep 100000`; remembers the id. */
  async runSleeper(name) {
    const r = await this.dockerOk(['run', '-d', ...(name ? ['--name', name] : []), '--network', 'none', 'busybox', 'sleep', '100000']);
    const id = r.stdout.trim().split('\n').pop();
    if (id) this.ids.add(id);
    return id;
  }

  async running() {
    const r = await this.docker(['ps', '-q']);
    return r.code === 0 ? r.stdout.split('\n').filter(Boolean).length : undefined;
  }
}

function makeSides(ctx) {
  const d = ctx.dir;
  // skiffd's default bridge under a name and subnet of this run's own, so the cleanup removes it
  // (and its rules) without touching another skiffd's skiff0.
  fs.writeFileSync(path.join(d, 'daemon.json'), `${JSON.stringify({ bridge: BENCH_BRIDGE, bip: BENCH_BIP })}\n`);
  fs.writeFileSync(path.join(d, 'docker-daemon.json'), '{}\n');
  const skiff = new Side(
    ctx,
    'skiff',
    path.join(d, 'skiffd.sock'),
    [process.execPath, SKIFFD, '-H', `unix://${d}/skiffd.sock`, '--data-root', `${d}/sd`, '--exec-root', `${d}/sr`, '--pidfile', `${d}/skiffd.pid`, '--config-file', `${d}/daemon.json`],
    path.join(d, 'skiffd.pid'),
  );
  const docker = new Side(
    ctx,
    'docker',
    path.join(d, 'docker.sock'),
    [
      DOCKERD,
      '--data-root', `${d}/dd`,
      '--exec-root', `${d}/dr`,
      '--pidfile', `${d}/dockerd.pid`,
      '-H', `unix://${d}/docker.sock`,
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      '--config-file', `${d}/docker-daemon.json`,
    ],
    path.join(d, 'dockerd.pid'),
  );
  return { skiff, docker };
}

// ---------------------------------------------------------------- set-up
function preflight() {
  if (process.getuid?.() !== 0) throw new Error('run as root (dockerd, containers, mounts)');
  for (const [what, file] of [['dockerd (apt-get install docker.io)', DOCKERD], ['the docker CLI', DOCKER], ['/bin/busybox', '/bin/busybox'], ['skiffd', SKIFFD]]) {
    if (!file || !fs.existsSync(file)) throw new Error(`${what} is missing${file ? `: ${file}` : ''}`);
  }
  for (const dir of DISTS) {
    if (!fs.existsSync(path.join(dir, 'dist/index.js')) && !fs.existsSync(path.join(dir, 'dist/cli/main.js'))) {
      throw new Error(`${dir} is not built: cd ${repo} && npx tsc -b packages/${path.basename(dir)}/tsconfig.json`);
    }
  }
}

/** rootfs/bin/busybox and one symlink per applet, a few mount points, /etc/passwd; tarred. */
function buildRootfsTar(dir) {
  const rootfs = path.join(dir, 'rootfs');
  fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
  for (const d of ['proc', 'sys', 'dev', 'tmp', 'etc', 'root']) fs.mkdirSync(path.join(rootfs, d), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin/busybox'));
  fs.chmodSync(path.join(rootfs, 'bin/busybox'), 0o755);
  const list = spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' });
  const applets = list.stdout.split('\n').map((s) => s.trim()).filter((s) => s && s !== 'busybox');
  for (const a of applets) fs.symlinkSync('busybox', path.join(rootfs, 'bin', a));
  fs.writeFileSync(path.join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  fs.writeFileSync(path.join(rootfs, 'etc/group'), 'root:x:0:\n');
  const tar = path.join(dir, 'rootfs.tar');
  const r = spawnSync('tar', ['-C', rootfs, '--numeric-owner', '-cf', tar, '.'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar: ${r.stderr}`);
  fs.rmSync(rootfs, { recursive: true, force: true });
  return { tar, applets: applets.length };
}

// ---------------------------------------------------------------- scenarios
/**
 * W warm-up pairs then N timed pairs; pair i runs skiff first when i is even, docker first when
 * odd. once(side) resolves with ms, or throws: the side is then "unsupported" in this scenario
 * (the error is kept) and is not run again; the other side goes on alone.
 */
async function pairs(ctx, opts, label, once) {
  const sides = ['skiff', 'docker'];
  const times = { skiff: [], docker: [] };
  const errors = {};
  const extra = { skiff: [], docker: [] };
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    checkInterrupted();
    const order = i % 2 === 0 ? sides : [...sides].reverse();
    const lap = {};
    for (const s of order) {
      if (errors[s]) continue;
      try {
        const got = await once(ctx.sides[s], i);
        lap[s] = typeof got === 'number' ? got : got.ms;
        if (typeof got === 'object' && i >= opts.warmup) extra[s].push(got);
      } catch (err) {
        if (err instanceof Interrupted) throw err;
        errors[s] = err.message;
        process.stdout.write(`  ${label}: ${s} unsupported: ${err.message}\n`);
      }
    }
    const timed = i >= opts.warmup;
    if (timed) for (const s of sides) if (lap[s] !== undefined) times[s].push(lap[s]);
    const show = (s) => (lap[s] === undefined ? '   -    ' : `${lap[s].toFixed(1).padStart(8)}`);
    process.stdout.write(`  ${label} ${timed ? `run ${String(i - opts.warmup + 1).padStart(2)}` : `warm-up ${i + 1}`}: skiff ${show('skiff')} ms, docker ${show('docker')} ms\n`);
  }
  const result = {};
  for (const s of sides) result[s] = errors[s] ? { unsupported: errors[s] } : summary(times[s]);
  const ok = !errors.skiff && !errors.docker;
  result.ratio = ok ? round(result.skiff.median_ms / result.docker.median_ms, 3) : null;
  result.goal = GOALS[label];
  result.skiff_ms = errors.skiff ? null : times.skiff.map((x) => round(x, 1));
  result.docker_ms = errors.docker ? null : times.docker.map((x) => round(x, 1));
  return { result, extra };
}

async function scenarioRun(ctx, opts) {
  const { result } = await pairs(ctx, opts, 'run', async (side) => {
    const r = await side.docker(['run', '--rm', '--network', 'none', 'busybox', 'true']);
    if (r.code !== 0) throw new Error(`docker run --rm --network none busybox true exited ${r.code}: ${firstLine(r.stderr || r.stdout)}`);
    return r.ms;
  });
  return result;
}

async function scenarioExec(ctx, opts) {
  const setupErrors = {};
  for (const side of Object.values(ctx.sides)) {
    try {
      await side.runSleeper('bench-c');
    } catch (err) {
      setupErrors[side.name] = err.message;
    }
  }
  const { result } = await pairs(ctx, opts, 'exec', async (side) => {
    if (setupErrors[side.name]) throw new Error(`set-up: ${setupErrors[side.name]}`);
    const r = await side.docker(['exec', 'bench-c', 'echo', 'hi']);
    if (r.code !== 0) throw new Error(`docker exec bench-c echo hi exited ${r.code}: ${firstLine(r.stderr || r.stdout)}`);
    if (r.stdout.trim() !== 'hi') throw new Error(`docker exec bench-c echo hi printed ${JSON.stringify(r.stdout.slice(0, 200))}, not "hi"`);
    return r.ms;
  });
  return result;
}

const LOG_LINE = '0123456789012345678901234567890123456789';
const LOG_BYTES = 20_000_000;

async function scenarioLogs(ctx, opts) {
  const { result } = await pairs(ctx, opts, 'logs', async (side, i) => {
    const name = `bench-log${i}`;
    const t0 = nowMs();
    const run = await side.docker(['run', '-d', '--network', 'none', '--name', name, 'busybox', 'sh', '-c', `yes ${LOG_LINE} | head -c ${LOG_BYTES}`]);
    if (run.code !== 0) throw new Error(`docker run -d exited ${run.code}: ${firstLine(run.stderr || run.stdout)}`);
    side.ids.add(run.stdout.trim());
    const wait = await side.docker(['wait', name]);
    const ms = nowMs() - t0;
    if (wait.code !== 0 || wait.stdout.trim() !== '0') throw new Error(`docker wait ${name}: exit ${wait.code}, printed ${firstLine(wait.stdout || wait.stderr)}`);
    if (i === 0) {
      const logs = await side.docker(['logs', name]);
      if (logs.stdout.length !== LOG_BYTES) throw new Error(`docker logs ${name} gave ${logs.stdout.length} bytes, not ${LOG_BYTES}`);
    }
    const rm = await side.docker(['rm', name]);
    if (rm.code !== 0) throw new Error(`docker rm ${name} exited ${rm.code}: ${firstLine(rm.stderr || rm.stdout)}`);
    return ms;
  });
  return result;
}

async function scenarioPs(ctx, opts) {
  const setup = {};
  for (const side of Object.values(ctx.sides)) {
    const t0 = nowMs();
    try {
      // Sequential: what a user's script does, and on 2 cores parallel starts only queue.
      for (let i = 0; i < opts.containers; i++) {
        checkInterrupted();
        await side.runSleeper(`ps${i}`);
      }
      setup[side.name] = { started: opts.containers, ms: round(nowMs() - t0, 0) };
    } catch (err) {
      if (err instanceof Interrupted) throw err;
      setup[side.name] = { error: err.message };
    }
    process.stdout.write(`  ps set-up: ${side.name} ${setup[side.name].error ? `failed: ${setup[side.name].error}` : `${opts.containers} sleep containers started in ${(setup[side.name].ms / 1000).toFixed(1)} s`}\n`);
  }
  const { result, extra } = await pairs(ctx, opts, 'ps', async (side) => {
    if (setup[side.name].error) throw new Error(`set-up: ${setup[side.name].error}`);
    const r = await side.docker(['ps']);
    if (r.code !== 0) throw new Error(`docker ps exited ${r.code}: ${firstLine(r.stderr || r.stdout)}`);
    const rows = r.stdout.split('\n').filter(Boolean).length - 1;
    return { ms: r.ms, rows };
  });
  result.listed = Object.fromEntries(Object.entries(extra).map(([s, xs]) => [s, [...new Set(xs.map((x) => x.rows))]]));
  result.setup = setup;
  return result;
}

async function scenarioRestart(ctx, opts) {
  const { result, extra } = await pairs(ctx, opts, 'restart', async (side) => {
    const before = await side.running();
    const stop = await side.stop(RESTART_STOP_GRACE_MS);
    if (stop.killed) throw new Error(`the daemon did not exit within ${RESTART_STOP_GRACE_MS / 1000} s of SIGTERM (killed)`);
    // The pid file and socket must be gone or the new daemon refuses / the ping hits a dead socket.
    const ms = await side.start();
    const after = await side.running();
    return { ms, stop_ms: round(stop.ms, 0), running_before: before, running_after: after };
  });
  for (const s of ['skiff', 'docker']) {
    if (result[s].unsupported) continue;
    const xs = extra[s];
    result[s].stop_median_ms = round(median(xs.map((x) => x.stop_ms)), 0);
    result[s].running_before = xs.map((x) => x.running_before);
    result[s].running_after = xs.map((x) => x.running_after);
  }
  return result;
}

// ---------------------------------------------------------------- cleanup
const CGROUP_MOUNT = '/sys/fs/cgroup';

/** Directories under /sys/fs/cgroup whose name mentions one of the ids, deepest first. */
function findCgroups(ids) {
  if (!ids.size) return [];
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
      if ([...ids].some((id) => e.name.includes(id))) found.push(p);
      if (depth < 8) walk(p, depth + 1);
    }
  };
  walk(CGROUP_MOUNT, 0);
  return found.sort((a, b) => b.split('/').length - a.split('/').length);
}

function removeCgroup(dir) {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      for (const pid of fs.readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // Gone.
        }
      }
    } catch {
      // No cgroup.procs: gone meanwhile.
    }
    try {
      fs.rmdirSync(dir);
      return true;
    } catch (err) {
      if (err.code === 'ENOENT') return true;
      reapZombies();
      pauseSync(20);
    }
  }
  return false;
}

function mountsUnder(dir) {
  try {
    return fs
      .readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((l) => (l.split(' ')[1] ?? '').replace(/\\(\d{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8))))
      .filter((m) => m && (m === dir || m.startsWith(`${dir}/`)))
      .sort((a, b) => b.split('/').length - a.split('/').length || b.length - a.length);
  } catch {
    return [];
  }
}

/** Live processes whose command line mentions the directory. */
function ownProcesses(dir) {
  return processes().filter((p) => p.argv.some((a) => a.includes(dir)));
}

/** Container ids the daemons' runtimes still know (skiff-runc's root, dockerd's runc root). */
function runtimeIds(dir) {
  const ids = new Set();
  for (const root of [path.join(dir, 'sr/runtime'), path.join(dir, 'dr/runtime-runc/moby'), path.join(dir, 'sr/containerd/skiffd'), path.join(dir, 'dr/containerd/daemon/io.containerd.runtime.v2.task/moby')]) {
    try {
      for (const e of fs.readdirSync(root)) if (/^[0-9a-f]{64}$/.test(e)) ids.add(e);
    } catch {
      // Not there.
    }
  }
  return ids;
}

/** Shim sockets dockerd's containerd 1.6 made outside the directory (/run/containerd/s/...). */
function dockerShimSockets(dir) {
  const out = [];
  const root = path.join(dir, 'dr/containerd/daemon/io.containerd.runtime.v2.task/moby');
  try {
    for (const id of fs.readdirSync(root)) {
      try {
        const a = fs.readFileSync(path.join(root, id, 'address'), 'utf8').trim().replace(/^unix:\/\//, '');
        if (a && !a.startsWith(dir)) out.push(a);
      } catch {
        // No address file.
      }
    }
  } catch {
    // Not there.
  }
  return out;
}

const BENCH_BRIDGE = `skb${process.pid % 100000}`;
const BENCH_BIP = '10.221.77.1/24';

/** skiffd's rules naming this run's bridge or subnet (its chains stay: others may use them), then the bridge. */
function removeBenchNetworking() {
  let removed = 0;
  const marks = [BENCH_BRIDGE, BENCH_BIP.replace(/\.1\/24$/, '.0/24')];
  for (const [table, chain] of [['nat', 'SKIFF-POSTROUTING'], ['filter', 'SKIFF-FORWARD'], ['nat', 'SKIFF-DNAT']]) {
    const listed = spawnSync('iptables', ['-w', '-t', table, '-S', chain], { encoding: 'utf8' }).stdout ?? '';
    for (const rule of listed.split('\n').filter((r) => r.startsWith('-A ') && marks.some((m) => r.includes(m)))) {
      if (spawnSync('iptables', ['-w', '-t', table, '-D', ...rule.slice(3).split(' ')], { stdio: 'ignore' }).status === 0) removed++;
    }
  }
  if (spawnSync('ip', ['link', 'del', BENCH_BRIDGE], { stdio: 'ignore' }).status === 0) removed++;
  return removed;
}

/** Goroutine dumps Debian's containerd leaves in the temporary directory. */
function containerdStackDumps() {
  return fs
    .readdirSync(os.tmpdir())
    .filter((name) => /^containerd\.\d+\.stacks\.log$/.test(name))
    .map((name) => path.join(os.tmpdir(), name));
}

async function cleanup(ctx) {
  const report = {
    containers_removed: { skiff: 0, docker: 0 },
    daemons_stopped: [],
    daemons_killed: [],
    processes_killed: {},
    cgroups_removed: 0,
    unmounted: 0,
    lazily_unmounted: 0,
    shim_sockets_removed: 0,
    leftover_processes: [],
    leftover_cgroups: [],
    leftover_mounts: [],
    dir_removed: false,
  };
  if (!ctx.dir) return report;
  // Read before the directory goes; printed with the results.
  const logOf = () => ctx.sides?.skiff?.log;
  for (const child of inflight) if (!Object.values(ctx.sides ?? {}).some((s) => s.child === child)) child.kill('SIGKILL');
  const ids = new Set();
  // 1. Every container through its daemon, while the daemon is up.
  for (const side of Object.values(ctx.sides ?? {})) {
    for (const id of side.ids) ids.add(id);
    if (!side.alive()) continue;
    const listed = await side.docker(['ps', '-aq', '--no-trunc'], { timeoutMs: 30_000 }).catch(() => undefined);
    const all = (listed?.stdout ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
    for (const id of all) ids.add(id);
    for (let i = 0; i < all.length; i += 25) {
      const batch = all.slice(i, i + 25);
      const r = await side.docker(['rm', '-f', ...batch], { timeoutMs: 120_000 }).catch(() => undefined);
      report.containers_removed[side.name] += (r?.stdout ?? '').split('\n').filter(Boolean).length;
    }
  }
  for (const id of runtimeIds(ctx.dir)) ids.add(id);
  const sockets = dockerShimSockets(ctx.dir);
  // 2. The daemons: SIGTERM, SIGKILL after 15 s.
  await Promise.all(
    Object.values(ctx.sides ?? {}).map(async (side) => {
      if (!side.alive()) return;
      const { killed } = await side.stop(CLEANUP_STOP_GRACE_MS);
      (killed ? report.daemons_killed : report.daemons_stopped).push(side.name === 'skiff' ? 'skiffd' : 'dockerd');
    }),
  );
  // 3. Whatever still names the directory: skiff-containerd, skiff-shim, containerd, containerd-shim.
  for (let round_ = 0; round_ < 3; round_++) {
    const left = ownProcesses(ctx.dir);
    if (!left.length) break;
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
        const name = procName(p.argv);
        const key = DAEMON_NAMES.includes(name) ? name : `other:${name}`;
        report.processes_killed[key] = (report.processes_killed[key] ?? 0) + 1;
      } catch {
        // Gone.
      }
    }
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && ownProcesses(ctx.dir).length) {
      reapZombies();
      await sleep(50);
    }
  }
  // 4. Cgroups named after the containers (kills what still runs in them).
  for (const dir of findCgroups(ids)) if (removeCgroup(dir)) report.cgroups_removed++;
  reapZombies();
  // 5. Mounts under the directory, deepest first; lazily when busy.
  for (let pass = 0; pass < 3; pass++) {
    const ms = mountsUnder(ctx.dir);
    if (!ms.length) break;
    for (const m of ms) {
      if (spawnSync('umount', [m], { stdio: 'ignore' }).status === 0) report.unmounted++;
      else if (spawnSync('umount', ['-l', m], { stdio: 'ignore' }).status === 0) report.lazily_unmounted++;
    }
  }
  for (const s of sockets) {
    try {
      fs.rmSync(s);
      report.shim_sockets_removed++;
    } catch {
      // Removed by its shim.
    }
  }
  report.network_removed = removeBenchNetworking();
  // dockerd's containerd writes /tmp/containerd.<pid>.stacks.log when it is signalled on the way
  // down: the ones this run's containerd wrote go with it.
  report.stack_dumps_removed = 0;
  for (const file of containerdStackDumps()) {
    if (ctx.stackDumps?.has(file)) continue;
    fs.rmSync(file, { force: true });
    report.stack_dumps_removed++;
  }
  // containerd 1.6 makes /run/containerd/s whatever its config says: remove it if we made it and it is empty.
  for (const d of ['/run/containerd/s', '/run/containerd']) {
    if (!ctx.preexisting?.has(d)) {
      try {
        fs.rmdirSync(d);
      } catch {
        // Not empty (someone else's) or not there.
      }
    }
  }
  if (logOf()) report.skiffd_log = skiffdComplaints(logOf());
  report.leftover_processes = ownProcesses(ctx.dir).map((p) => `${p.pid} ${p.argv.join(' ').slice(0, 120)}`);
  report.leftover_cgroups = findCgroups(ids);
  report.leftover_mounts = mountsUnder(ctx.dir);
  if (!report.leftover_mounts.length) {
    try {
      fs.rmSync(ctx.dir, { recursive: true, force: true });
      report.dir_removed = true;
    } catch (err) {
      report.dir_error = err.message;
    }
  }
  report.container_ids_known = ids.size;
  return report;
}

/** skiffd's warnings and errors (pino JSON lines, level >= 40) from its log: distinct messages, counted. */
function skiffdComplaints(log) {
  const seen = new Map();
  let text = '';
  try {
    text = fs.readFileSync(log, 'utf8');
  } catch {
    return [];
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    let j;
    try {
      j = JSON.parse(line);
    } catch {
      continue;
    }
    if (!(j.level >= 40)) continue;
    const key = `${j.level >= 50 ? 'error' : 'warn'}: ${j.msg ?? ''}${j.err?.message ? `: ${j.err.message}` : ''}`.slice(0, 300);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].map(([message, count]) => ({ message, count }));
}

// ---------------------------------------------------------------- output
function cgroupMode() {
  if (fs.existsSync('/sys/fs/cgroup/cgroup.controllers')) return 'v2';
  if (fs.existsSync('/sys/fs/cgroup/unified/cgroup.controllers')) return 'v1-hybrid';
  return 'v1';
}

function distNote() {
  const newest = (dir, ext) => {
    let t = 0;
    const walk = (d) => {
      let entries = [];
      try {
        entries = fs.readdirSync(d, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
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

const LABELS = {
  run: 'docker run --rm --network none busybox true',
  exec: 'docker exec bench-c echo hi',
  logs: 'run -d + wait: 20 MB of lines logged',
  ps: 'docker ps (N+1 running)',
  restart: 'daemon restart: spawn → /_ping 200',
};

function printTable(results, opts) {
  const cell = (r) => (r.unsupported ? 'unsupported'.padStart(18) : `${r.median_ms.toFixed(1).padStart(8)} (${r.p90_ms.toFixed(1).padStart(7)})`);
  process.stdout.write(`\nmedians (p90) in ms, ${opts.runs} timed runs per side after ${opts.warmup} warm-up, interleaved\n`);
  process.stdout.write(`  ${'scenario'.padEnd(46)}${'skiffd'.padStart(18)}${'dockerd'.padStart(20)}   ratio skiff/docker\n`);
  for (const [k, r] of Object.entries(results)) {
    const ratio = r.ratio === null ? '  n/a' : r.ratio.toFixed(2).padStart(5);
    const goal = r.goal === null ? '(goal: none)' : `(goal <= ${r.goal.toFixed(2)}${r.ratio !== null ? (r.ratio <= r.goal ? ', met' : ', not met') : ''})`;
    process.stdout.write(`  ${LABELS[k].replace('N+1', String(opts.containers + 1)).padEnd(46)}${cell(r.skiff)}  ${cell(r.docker)}   ${ratio}  ${goal}\n`);
  }
  for (const s of ['skiff', 'docker']) {
    for (const [k, r] of Object.entries(results)) if (r[s].unsupported) process.stdout.write(`  ${k}: ${s} unsupported: ${r[s].unsupported}\n`);
  }
  if (results.ps) {
    process.stdout.write(`  ps: rows listed (timed runs): skiffd ${JSON.stringify(results.ps.listed.skiff)}, dockerd ${JSON.stringify(results.ps.listed.docker)} (${opts.containers} ps containers + bench-c)\n`);
  }
  const rs = results.restart;
  if (rs) {
    for (const s of ['skiff', 'docker']) {
      if (rs[s].unsupported) continue;
      process.stdout.write(
        `  restart, ${s === 'skiff' ? 'skiffd' : 'dockerd'}: stop (SIGTERM → exit, not timed) median ${rs[s].stop_median_ms} ms; running containers before/after each timed restart: ${rs[s].running_before.map((b, i) => `${b}→${rs[s].running_after[i]}`).join(', ')}\n`,
      );
    }
    process.stdout.write('  (dockerd without live-restore stops its containers on SIGTERM, so after the first restart it has none running; skiffd keeps them)\n');
  }
}

// ---------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  preflight();
  becomeSubreaper();
  const reaper = setInterval(reapZombies, 100);
  const ctx = {
    dir: undefined,
    sides: undefined,
    dockerConfig: undefined,
    preexisting: new Set(['/run/containerd/s', '/run/containerd'].filter((d) => fs.existsSync(d))),
    stackDumps: new Set(containerdStackDumps()),
  };
  let cleaning;
  const doCleanup = () => (cleaning ??= cleanup(ctx));
  // First SIGINT/SIGTERM: the command in flight finishes, the loops stop, finally cleans up. A
  // second signal, or 60 s later: clean up from here and exit.
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      const hard = () =>
        doCleanup().then(
          (r) => {
            process.stderr.write(`cleanup: ${JSON.stringify(r)}\n`);
            process.exit(sig === 'SIGINT' ? 130 : 143);
          },
          () => process.exit(1),
        );
      if (interrupted) return void hard();
      interrupted = sig;
      process.stderr.write(`\n${sig}: stopping after the command in flight, then cleaning up\n`);
      setTimeout(hard, 60_000).unref();
    });
  }

  const result = {
    bench: 'e2e',
    date: new Date().toISOString(),
    host: { cpus: os.cpus().length, kernel: os.release(), node: process.version, cgroup: cgroupMode(), loadavg_start: os.loadavg().map((x) => round(x)) },
    runs: opts.runs,
    warmup: opts.warmup,
    containers: opts.containers,
    skiff_build: distNote(),
  };
  const results = {};
  try {
    ctx.dir = fs.mkdtempSync('/tmp/sbe-');
    ctx.dockerConfig = path.join(ctx.dir, 'dc');
    fs.mkdirSync(ctx.dockerConfig);
    ctx.sides = makeSides(ctx);
    const { tar, applets } = buildRootfsTar(ctx.dir);
    process.stdout.write(`e2e bench in ${ctx.dir}: busybox + ${applets} applets, load average ${result.host.loadavg_start.join(' ')}\n`);
    for (const [pkg, note] of Object.entries(result.skiff_build)) {
      if (note.src_newer_than_dist) process.stdout.write(`  note: packages/${pkg}/src has edits newer than dist (built ${note.dist_built}); measuring dist\n`);
    }
    result.startup_ms = {};
    result.import_ms = {};
    for (const side of Object.values(ctx.sides)) {
      result.startup_ms[side.name] = round(await side.start(), 0);
      const r = await side.dockerOk(['import', '-c', 'CMD ["sh"]', tar, 'busybox:latest']);
      result.import_ms[side.name] = round(r.ms, 0);
    }
    const v = (side, f) => side.docker(['version', '--format', f]).then((r) => r.stdout.trim());
    result.versions = {
      docker_cli: await v(ctx.sides.docker, '{{.Client.Version}}'),
      dockerd: await v(ctx.sides.docker, '{{.Server.Version}} (API {{.Server.APIVersion}})'),
      skiffd: await v(ctx.sides.skiff, '{{.Server.Version}} (API {{.Server.APIVersion}})'),
    };
    process.stdout.write(
      `  docker CLI ${result.versions.docker_cli} (${DOCKER}); dockerd ${result.versions.dockerd}; skiffd ${result.versions.skiffd}\n` +
        `  first start to /_ping 200: skiffd ${result.startup_ms.skiff} ms, dockerd ${result.startup_ms.docker} ms; docker import: skiffd ${result.import_ms.skiff} ms, dockerd ${result.import_ms.docker} ms\n`,
    );
    const scenarios = { run: scenarioRun, exec: scenarioExec, logs: scenarioLogs, ps: scenarioPs, restart: scenarioRestart };
    for (const name of SCENARIOS) {
      if (!opts.only.includes(name)) continue;
      process.stdout.write(`\n${name}:\n`);
      results[name] = await scenarios[name](ctx, opts);
    }
    result.scenarios = results;
    printTable(results, opts);
  } finally {
    const r = await doCleanup();
    clearInterval(reaper);
    reapZombies();
    result.cleanup = r;
    const ok = !r.leftover_processes.length && !r.leftover_cgroups.length && !r.leftover_mounts.length && r.dir_removed;
    const killed = Object.entries(r.processes_killed).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
    process.stdout.write(
      `\ncleanup: removed ${r.containers_removed.skiff} container(s) on skiffd and ${r.containers_removed.docker} on dockerd; ` +
        `stopped ${r.daemons_stopped.join(', ') || 'none'}${r.daemons_killed.length ? `, SIGKILLed ${r.daemons_killed.join(', ')}` : ''}; ` +
        `killed leftover processes naming the dir: ${killed}; ${r.cgroups_removed} cgroup(s) removed; ${r.unmounted} unmounted, ${r.lazily_unmounted} lazily; ` +
        `${r.shim_sockets_removed} shim socket(s) removed; ${r.stack_dumps_removed} containerd stack dump(s) removed; ${r.network_removed} bridge rule(s) and device(s) removed; ${ok ? `nothing left (${ctx.dir} removed)` : `LEFT: ${JSON.stringify(r)}`}\n`,
    );
  }
  if (result.cleanup?.skiffd_log?.length) {
    process.stdout.write(`skiffd's log, warnings and errors (distinct, counted):\n${result.cleanup.skiffd_log.map((x) => `  ${x.count}x ${x.message}`).join('\n')}\n`);
  }
  result.host.loadavg_end = os.loadavg().map((x) => round(x));
  process.stdout.write(`load average (1/5/15 min): ${result.host.loadavg_start.join(' ')} at start, ${result.host.loadavg_end.join(' ')} at end\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  if (err instanceof Interrupted || interrupted) {
    process.stderr.write(`bench/e2e: ${err.message}; no figures\n`);
    process.exitCode = interrupted === 'SIGTERM' ? 143 : 130;
    return;
  }
  process.stderr.write(`bench/e2e: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
