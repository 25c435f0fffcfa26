#!/usr/bin/env node
// Runtime benchmark: skiff-runc against Debian's runc 1.1, side by side, on one busybox bundle.
//
//   node bench/runtime/run.mjs [--runs N] [--warmup W] [--phase all|cli|library]
//   (env: BENCH_RUNS (or BENCH_N), BENCH_WARMUP, BENCH_PHASE, RUNC=/usr/sbin/runc, SKIFF_RUNC=<bin>)
//
// (1) cli:     `skiff-runc run` vs `runc run` of `true`, interleaved A B A B ..., W warm-up pairs,
//              then N timed pairs. Each run is timed from spawn() to the child's exit event.
// (2) library: one long-lived `node --single-threaded` worker (lib-worker.mjs) doing create → start →
//              wait → delete, triggered iteration by iteration over a pipe, interleaved with
//              `runc run` timed as in (1): L R L R ...
//
// Needs root. Everything lives in one mkdtemp directory (bundle + a --root per runtime); container
// ids share a per-invocation prefix, and cleanup (containers, cgroups named with that prefix, the
// temp dir) runs in finally and on SIGINT/SIGTERM. No other --root is ever used.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const opts = {
    runs: Number(process.env.BENCH_RUNS ?? process.env.BENCH_N ?? 30),
    warmup: Number(process.env.BENCH_WARMUP ?? 2),
    phase: process.env.BENCH_PHASE ?? 'all',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '-n' || flag === '--runs' || flag === '--n') opts.runs = Number(value());
    else if (flag === '-w' || flag === '--warmup') opts.warmup = Number(value());
    else if (flag === '--phase') opts.phase = value();
    else if (flag === '-h' || flag === '--help') {
      process.stdout.write('usage: node bench/runtime/run.mjs [--runs N] [--warmup W] [--phase all|cli|library]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new Error(`--runs must be a positive integer`);
  if (!Number.isInteger(opts.warmup) || opts.warmup < 0) throw new Error(`--warmup must be a non-negative integer`);
  if (!['all', 'cli', 'library'].includes(opts.phase)) throw new Error(`--phase must be all, cli or library`);
  return opts;
}

const RUNC = process.env.RUNC ?? '/usr/sbin/runc';
const SKIFF_RUNC = process.env.SKIFF_RUNC ?? path.join(repo, 'packages/runc/bin/skiff-runc');
const SKIFF_DIST = path.join(repo, 'packages/runc/dist');
const WORKER = path.join(here, 'lib-worker.mjs');

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

// ---------------------------------------------------------------- set-up
function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

function preflight() {
  if (process.getuid?.() !== 0) throw new Error('run as root (both runtimes create namespaces and cgroups)');
  for (const f of [RUNC, SKIFF_RUNC, '/bin/busybox']) {
    try {
      fs.accessSync(f, fs.constants.X_OK);
    } catch {
      throw new Error(`${f} is missing or not executable`);
    }
  }
  if (!fs.existsSync(path.join(SKIFF_DIST, 'cli/main.js'))) {
    throw new Error(`${SKIFF_DIST} is not built: cd ${repo} && npx tsc -b packages/runc/tsconfig.json`);
  }
}

/** bin/busybox, one symlink per applet (not "busybox" itself), etc/passwd; config.json from `runc spec`. */
function buildBundle(dir) {
  const rootfs = path.join(dir, 'rootfs');
  fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(rootfs, 'etc'), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin/busybox'));
  fs.chmodSync(path.join(rootfs, 'bin/busybox'), 0o755);
  const applets = sh('/bin/busybox', ['--list']).split('\n').map((s) => s.trim()).filter((s) => s && s !== 'busybox');
  for (const a of applets) fs.symlinkSync('busybox', path.join(rootfs, 'bin', a));
  fs.writeFileSync(path.join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  sh(RUNC, ['spec', '--bundle', dir]);
  const cfgFile = path.join(dir, 'config.json');
  const cfg = JSON.parse(fs.readFileSync(cfgFile, 'utf8'));
  cfg.process.terminal = false;
  cfg.process.args = ['true'];
  fs.writeFileSync(cfgFile, `${JSON.stringify(cfg, null, '\t')}\n`);
  return applets.length;
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
  let hierarchies = [];
  try {
    hierarchies = fs.readdirSync(CGROUP_MOUNT, { withFileTypes: true }).filter((e) => e.isDirectory());
  } catch {
    // No cgroup mount: nothing to clean.
  }
  if (fs.existsSync(path.join(CGROUP_MOUNT, 'cgroup.controllers'))) walk(CGROUP_MOUNT, 0); // pure v2
  else for (const h of hierarchies) walk(path.join(CGROUP_MOUNT, h.name), 0);
  return found.sort((a, b) => b.split('/').length - a.split('/').length);
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
      spawnSync('sleep', ['0.02']);
    }
  }
  return false;
}

function listIds(bin, root) {
  if (!fs.existsSync(root)) return [];
  const r = spawnSync(bin, ['--root', root, 'list', '-q'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (r.status !== 0) return [`<list failed: ${(r.stderr || '').trim()}>`];
  return r.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}

/**
 * Synchronous, so it can run from finally and from signal handlers. Returns what it had to clean
 * and what it could not.
 */
function cleanup(ctx) {
  const report = { containers_deleted: 0, cgroups_removed: 0, leftover_containers: [], leftover_cgroups: [] };
  if (ctx.worker && ctx.worker.exitCode === null && ctx.worker.signalCode === null) {
    try {
      ctx.worker.kill('SIGKILL');
    } catch {
      // Exited meanwhile.
    }
  }
  for (const [bin, root] of ctx.roots) {
    for (const id of listIds(bin, root)) {
      if (id.startsWith('<')) continue;
      spawnSync(bin, ['--root', root, 'delete', '--force', id], { stdio: 'ignore', timeout: 30_000 });
      report.containers_deleted++;
    }
  }
  if (ctx.prefix) {
    for (const dir of findCgroups(ctx.prefix)) if (removeCgroup(dir)) report.cgroups_removed++;
  }
  // Verify before the roots go away.
  for (const [bin, root] of ctx.roots) for (const id of listIds(bin, root)) report.leftover_containers.push(`${root}: ${id}`);
  if (ctx.prefix) report.leftover_cgroups = findCgroups(ctx.prefix);
  if (ctx.tmp) fs.rmSync(ctx.tmp, { recursive: true, force: true });
  return report;
}

// ---------------------------------------------------------------- measurement
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Set by the first SIGINT/SIGTERM; the loops stop at their next step. */
let interrupted = null;
class Interrupted extends Error {}
function checkInterrupted() {
  if (interrupted) throw new Interrupted(`interrupted by ${interrupted}`);
}
/** Runtime processes (and the worker) running right now, for a hard stop. */
const inflight = new Set();

/** Spawns one `<bin> --root R run --bundle B id` with /dev/null stdio; resolves with its wall time. */
function timedRun(bin, root, bundle, id) {
  return new Promise((resolve, reject) => {
    const args = ['--root', root, 'run', '--bundle', bundle, id];
    const t0 = nowMs();
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    inflight.add(child);
    child.on('error', (err) => {
      inflight.delete(child);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      const ms = nowMs() - t0;
      inflight.delete(child);
      if (interrupted) return reject(new Interrupted(`interrupted by ${interrupted}`));
      if (code === 0) return resolve(ms);
      // Rerun once with stderr captured to say why; the timed run itself stays on /dev/null. stderr
      // goes to a file, not a pipe: a half-created container could hold a pipe open forever.
      let why;
      try {
        why = diagnose(bin, root, bundle, id);
      } catch (err) {
        why = `diagnostic rerun failed: ${err.message}`;
      }
      reject(new Error(`${path.basename(bin)} run ${id} exited ${code ?? signal}; ${why}`));
    });
  });
}

function diagnose(bin, root, bundle, id) {
  const log = path.join(path.dirname(root), `diag-${id}.log`);
  const fd = fs.openSync(log, 'w');
  let again;
  try {
    again = spawnSync(bin, ['--root', root, 'run', '--bundle', bundle, `${id}-diag`], {
      stdio: ['ignore', 'ignore', fd],
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
  } finally {
    fs.closeSync(fd);
  }
  const text = fs.readFileSync(log, 'utf8').trim();
  return `a diagnostic rerun exited ${again.status ?? again.signal}: ${text || '(no stderr)'}`;
}

class Worker {
  constructor(root, bundle) {
    this.proc = spawn(process.execPath, ['--single-threaded', WORKER, '--root', root, '--bundle', bundle], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    inflight.add(this.proc);
    this.proc.on('exit', () => inflight.delete(this.proc));
    this.waiting = [];
    this.lines = [];
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve(code ?? signal)));
    this.exited.then((how) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`lib-worker exited (${how})`));
    });
    readline.createInterface({ input: this.proc.stdout }).on('line', (line) => {
      let msg;
      try {
        msg = JSON.parse(line);
      } catch {
        process.stderr.write(`lib-worker: ${line}\n`);
        return;
      }
      const w = this.waiting.shift();
      if (w) w.resolve(msg);
      else this.lines.push(msg);
    });
  }
  next() {
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
  async iterate(id) {
    const t0 = nowMs();
    this.proc.stdin.write(`${JSON.stringify({ op: 'iter', id })}\n`);
    const r = await this.next();
    checkInterrupted();
    const roundtrip = nowMs() - t0;
    if (!r.ok) throw new Error(`library iteration ${id} failed: ${r.error}`);
    if (r.status !== 0) throw new Error(`library iteration ${id}: container exited with wait status ${r.status}`);
    return { ...r, roundtrip_ms: roundtrip };
  }
  async quit() {
    this.proc.stdin.end(`${JSON.stringify({ op: 'quit' })}\n`);
    const how = await this.exited;
    if (how !== 0) throw new Error(`lib-worker exited with ${how}`);
  }
}

function printTable(title, rows) {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(`  ${'what'.padEnd(44)}${'median'.padStart(8)}${'p90'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}   (ms, n)\n`);
  for (const [name, s] of rows) {
    process.stdout.write(`  ${name.padEnd(44)}${fmt(s.median_ms)}${fmt(s.p90_ms)}${fmt(s.min_ms)}${fmt(s.max_ms)}   n=${s.n}\n`);
  }
}

function versionOf(bin, args) {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return (r.stdout || '').split('\n')[0].trim();
}

function distNote() {
  // The benchmark measures the built code in packages/runc/dist; say so when src is newer.
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
  const built = newest(SKIFF_DIST, '.js');
  const src = newest(path.join(repo, 'packages/runc/src'), '.ts');
  return { dist_built: new Date(built).toISOString(), src_newer_than_dist: src > built };
}

// ---------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  preflight();
  const ctx = { roots: [], worker: undefined, tmp: undefined, prefix: undefined };
  let cleaned = false;
  const doCleanup = () => {
    if (cleaned) return undefined;
    cleaned = true;
    return cleanup(ctx);
  };
  // First SIGINT/SIGTERM: let the run in flight finish (under a second for `true`), then stop and
  // clean up through finally. If that takes over 10 s, or on a second signal: kill what is in
  // flight, clean up here and exit.
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      const hard = () => {
        for (const child of inflight) {
          try {
            child.kill('SIGKILL');
          } catch {
            // Gone.
          }
        }
        const r = doCleanup();
        if (r) process.stderr.write(`cleanup: ${JSON.stringify(r)}\n`);
        process.exit(sig === 'SIGINT' ? 130 : 143);
      };
      if (interrupted) hard();
      interrupted = sig;
      process.stderr.write(`\n${sig}: stopping after the run in flight, then cleaning up\n`);
      setTimeout(hard, 10_000).unref();
    });
  }

  const result = {
    bench: 'runtime',
    date: new Date().toISOString(),
    host: { cpus: os.cpus().length, kernel: os.release(), node: process.version, cgroup: cgroupMode(), loadavg_start: os.loadavg().map((x) => round(x)) },
    runc: versionOf(RUNC, ['--version']),
    skiff_runc: versionOf(SKIFF_RUNC, ['--version']),
    skiff_build: distNote(),
    runs: opts.runs,
    warmup: opts.warmup,
  };
  try {
    ctx.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-bench-runtime-'));
    // Container ids (and so cgroup names) all start with this; cleanup matches on it and nothing else.
    ctx.prefix = `skb${process.pid}${Math.random().toString(36).slice(2, 6)}-`;
    const bundle = path.join(ctx.tmp, 'bundle');
    const applets = buildBundle(bundle);
    const roots = {
      skiff: path.join(ctx.tmp, 'root-skiff-cli'),
      runc: path.join(ctx.tmp, 'root-runc'),
      lib: path.join(ctx.tmp, 'root-skiff-lib'),
    };
    ctx.roots = [
      [SKIFF_RUNC, roots.skiff],
      [RUNC, roots.runc],
      [SKIFF_RUNC, roots.lib],
    ];
    process.stdout.write(
      `runtime bench: ${opts.runs} timed runs each after ${opts.warmup} warm-up, bundle ${bundle} (busybox + ${applets} applets, args ["true"])\n` +
        `  ${result.runc.padEnd(30)} ${RUNC}\n  ${result.skiff_runc.padEnd(30)} ${SKIFF_RUNC}\n`,
    );
    if (result.skiff_build.src_newer_than_dist) {
      process.stdout.write(`  note: packages/runc/src has edits newer than dist (built ${result.skiff_build.dist_built}); measuring dist\n`);
    }
    let seq = 0;
    const id = (tag) => `${ctx.prefix}${tag}${seq++}`;

    if (opts.phase === 'all' || opts.phase === 'cli') {
      const skiff = [];
      const runc = [];
      for (let i = 0; i < opts.warmup + opts.runs; i++) {
        checkInterrupted();
        const a = await timedRun(SKIFF_RUNC, roots.skiff, bundle, id('s'));
        const b = await timedRun(RUNC, roots.runc, bundle, id('r'));
        if (i >= opts.warmup) {
          skiff.push(a);
          runc.push(b);
        }
      }
      const s = summary(skiff);
      const r = summary(runc);
      result.cli = {
        skiff_ms: s.median_ms,
        runc_ms: r.median_ms,
        ratio: round(s.median_ms / r.median_ms),
        skiff_p90_ms: s.p90_ms,
        runc_p90_ms: r.p90_ms,
        skiff: s,
        runc: r,
        order: 'interleaved skiff,runc,skiff,runc,...',
      };
      printTable('(1) CLI: `<runtime> run` of `true`, spawn → exit, interleaved A B A B', [
        ['skiff-runc run', s],
        ['runc run', r],
      ]);
      process.stdout.write(`  ratio skiff/runc (medians): ${result.cli.ratio.toFixed(2)}x\n`);
    }

    if (opts.phase === 'all' || opts.phase === 'library') {
      const t0 = nowMs();
      const worker = new Worker(roots.lib, bundle);
      ctx.worker = worker.proc;
      const ready = await worker.next();
      if (!ready.ready) throw new Error(`lib-worker did not start: ${JSON.stringify(ready)}`);
      const startupMs = nowMs() - t0;
      const lib = [];
      const trip = [];
      const phases = { create_ms: [], start_ms: [], wait_ms: [], delete_ms: [] };
      const runc = [];
      for (let i = 0; i < opts.warmup + opts.runs; i++) {
        checkInterrupted();
        const a = await worker.iterate(id('l'));
        const b = await timedRun(RUNC, roots.runc, bundle, id('r'));
        if (i >= opts.warmup) {
          lib.push(a.ms);
          trip.push(a.roundtrip_ms);
          for (const k of Object.keys(phases)) phases[k].push(a[k]);
          runc.push(b);
        }
      }
      await worker.quit();
      const s = summary(lib);
      const rt = summary(trip);
      const r = summary(runc);
      result.library = {
        skiff_ms: s.median_ms,
        runc_ms: r.median_ms,
        ratio: round(s.median_ms / r.median_ms),
        skiff_p90_ms: s.p90_ms,
        runc_p90_ms: r.p90_ms,
        skiff: s,
        skiff_roundtrip: rt,
        skiff_phases_median_ms: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, round(median(v))])),
        runc: r,
        worker_startup_ms: round(startupMs),
        worker_entry: ready.entry,
        order: 'interleaved library iteration, runc run, ... (driver triggers each worker iteration over a pipe)',
      };
      const ph = result.library.skiff_phases_median_ms;
      printTable('(2) library: in-process create → start → wait → delete vs `runc run`, interleaved L R L R', [
        ['skiff-runc library (timed in the worker)', s],
        ['skiff-runc library (driver round trip)', rt],
        ['runc run (spawn → exit)', r],
      ]);
      process.stdout.write(
        `  library phases (medians): create ${ph.create_ms} / start ${ph.start_ms} / wait ${ph.wait_ms} / delete ${ph.delete_ms} ms; worker start-up (not counted) ${round(startupMs)} ms via ${ready.entry}\n`,
      );
      process.stdout.write(`  ratio skiff library/runc (medians): ${result.library.ratio.toFixed(2)}x\n`);
    }
  } finally {
    const r = doCleanup();
    if (r) {
      result.cleanup = r;
      const ok = !r.leftover_containers.length && !r.leftover_cgroups.length;
      process.stdout.write(
        `\ncleanup: ${r.containers_deleted} container(s) force-deleted, ${r.cgroups_removed} stray cgroup(s) removed, ` +
          `${ok ? 'nothing left (roots, bundle and temp dir removed)' : `LEFT: ${JSON.stringify(r)}`}\n`,
      );
    }
  }
  result.host.loadavg_end = os.loadavg().map((x) => round(x));
  process.stdout.write(`load average (1/5/15 min): ${result.host.loadavg_start.join(' ')} at start, ${result.host.loadavg_end.join(' ')} at end\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function cgroupMode() {
  if (fs.existsSync('/sys/fs/cgroup/cgroup.controllers')) return 'v2';
  if (fs.existsSync('/sys/fs/cgroup/unified/cgroup.controllers')) return 'v1-hybrid';
  return 'v1';
}

main().catch((err) => {
  if (err instanceof Interrupted || interrupted) {
    process.stderr.write(`bench/runtime: ${err.message}; no figures\n`);
    process.exitCode = interrupted === 'SIGTERM' ? 143 : 130;
    return;
  }
  process.stderr.write(`bench/runtime: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
