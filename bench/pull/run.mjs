#!/usr/bin/env node
// Pull benchmark: skiff-containerd's Transfer.Pull (with unpack) against Debian's dockerd's
// `docker pull`, side by side, of one image from one local registry.
//
//   node bench/pull/run.mjs [--runs N] [--warmup W] [--layers L] [--layer-mb M]
//   (env: BENCH_RUNS, BENCH_WARMUP; DOCKERD=/usr/sbin/dockerd, DOCKER=<cli>)
//
// Set-up, all under one mkdtemp directory: an image of L layers (default 3) of M MiB (default 71)
// of random, incompressible bytes each (one file per layer, gzip level 1, Docker media types),
// pushed to Debian's docker-registry started on 127.0.0.1 with its own storage; skiff-containerd
// started on its own root, state and socket (shim warm pool off); dockerd started with its own
// data root, exec root, pid file, socket and daemon.json ({}), no bridge, no iptables, spawning its
// own containerd. Then W warm-up pairs and N timed pairs, interleaved and alternating which side
// goes first: each side first removes the image (skiff: Images.Delete with sync, which collects
// the content and snapshots; docker: `docker rmi -f`), then pulls it, timed from the call to the
// end of the progress stream (skiff) or the CLI's exit (docker). Prints both medians and the ratio
// skiff/dockerd, then one JSON line. Everything is torn down at the end, on failure or on a
// signal: daemons, mounts under the temp directory, the temp directory.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const dist = path.join(repo, 'packages/containerd/dist');
const require = createRequire(path.join(repo, 'packages/containerd/package.json'));

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const opts = { runs: Number(process.env.BENCH_RUNS ?? 5), warmup: Number(process.env.BENCH_WARMUP ?? 1), layers: 3, layerMb: 71 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '-n' || flag === '--runs') opts.runs = Number(value());
    else if (flag === '-w' || flag === '--warmup') opts.warmup = Number(value());
    else if (flag === '--layers') opts.layers = Number(value());
    else if (flag === '--layer-mb') opts.layerMb = Number(value());
    else if (flag === '-h' || flag === '--help') {
      process.stdout.write('usage: node bench/pull/run.mjs [--runs N] [--warmup W] [--layers L] [--layer-mb M]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  for (const [k, min] of [['runs', 1], ['warmup', 0], ['layers', 1], ['layerMb', 1]]) {
    if (!Number.isInteger(opts[k]) || opts[k] < min) throw new Error(`--${k} must be an integer >= ${min}`);
  }
  return opts;
}

const REGISTRY = '/usr/bin/docker-registry';
const DOCKERD = process.env.DOCKERD ?? '/usr/sbin/dockerd';
const DOCKER = process.env.DOCKER ?? ['/usr/local/bin/docker', '/usr/bin/docker'].find((p) => fs.existsSync(p));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- stats
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------- processes and cleanup
const cleanups = [];
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (err) {
        process.stderr.write(`cleanup: ${err.message}\n`);
      }
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    process.stderr.write(`\n${sig}: cleaning up\n`);
    void cleanup().then(() => process.exit(130));
  });
}

function startProcess(cmd, args, logFile, opts = {}) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', log, log], ...opts });
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async (graceMs = 20_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)])) return;
    child.kill('SIGKILL');
    await exited;
  };
  return { child, stop, exited };
}

function mountsUnder(dir) {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((m) => m === dir || m.startsWith(`${dir}/`))
    .reverse();
}

function unmountAll(dir) {
  for (const m of mountsUnder(dir)) {
    if (spawnSync('umount', [m]).status !== 0) spawnSync('umount', ['-l', m]);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------- the image
function tarHeader(name, size, type) {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100);
  h.write(type === '5' ? '0000755\0' : '0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write(`${Math.floor(Date.now() / 1000).toString(8).padStart(11, '0')}\0`, 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** A gzipped tar of one directory and one file of `size` random bytes. */
async function buildLayer(file, name, size) {
  async function* tar() {
    yield tarHeader('bench/', 0, '5');
    yield tarHeader(`bench/${name}`, size, '0');
    const chunk = Buffer.alloc(1 << 20);
    for (let left = size; left > 0; left -= chunk.length) yield Buffer.from(randomFillSync(chunk).subarray(0, Math.min(left, chunk.length)));
    yield Buffer.alloc((512 - (size % 512)) % 512);
    yield Buffer.alloc(1024);
  }
  const hashing = (hash) => new Transform({ transform: (c, _e, cb) => (hash.update(c), cb(null, c)) });
  const diff = createHash('sha256');
  const blob = createHash('sha256');
  await pipeline(Readable.from(tar()), hashing(diff), zlib.createGzip({ level: 1 }), hashing(blob), fs.createWriteStream(file));
  return { file, diffId: `sha256:${diff.digest('hex')}`, digest: `sha256:${blob.digest('hex')}`, size: fs.statSync(file).size };
}

async function buildAndPush(dir, host, opts) {
  const { RegistryClient } = require(path.join(dist, 'registry/client.js'));
  const { normalizeReference } = require(path.join(dist, 'registry/reference.js'));
  const layers = [];
  for (let i = 0; i < opts.layers; i++) layers.push(await buildLayer(path.join(dir, `layer-${i}.tar.gz`), `layer-${i}.bin`, opts.layerMb << 20));
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map((_, i) => ({ created: new Date(0).toISOString(), created_by: `bench layer ${i}` })),
    }),
  );
  const desc = (mediaType, digest, size) => ({ mediaType, digest, size });
  const configDesc = desc('application/vnd.docker.container.image.v1+json', `sha256:${createHash('sha256').update(config).digest('hex')}`, config.length);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: configDesc,
      layers: layers.map((l) => desc('application/vnd.docker.image.rootfs.diff.tar.gzip', l.digest, l.size)),
    }),
  );
  const client = new RegistryClient();
  try {
    const ref = normalizeReference(`${host}/bench:latest`);
    await client.pushBlob(ref, configDesc, () => Readable.from([config]));
    for (const l of layers) await client.pushBlob(ref, desc('application/vnd.docker.image.rootfs.diff.tar.gzip', l.digest, l.size), () => fs.createReadStream(l.file));
    await client.pushManifest(ref, 'application/vnd.docker.distribution.manifest.v2+json', manifest);
  } finally {
    client.close();
  }
  for (const l of layers) fs.rmSync(l.file);
  return { bytes: layers.reduce((n, l) => n + l.size, 0), layers: layers.length };
}

// ---------------------------------------------------------------- the daemons
async function startRegistry(dir) {
  const port = await freePort();
  const config = path.join(dir, 'registry.yml');
  fs.writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'storage')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const proc = startProcess(REGISTRY, ['serve', config], path.join(dir, 'registry.log'));
  cleanups.push(() => proc.stop(10_000));
  const url = `http://127.0.0.1:${port}/v2/`;
  await until('registry', () => new Promise((resolve) => http.get(url, (res) => (res.resume(), resolve(res.statusCode === 200))).on('error', () => resolve(false))));
  return `127.0.0.1:${port}`;
}

async function startSkiff(dir) {
  const grpc = require('@grpc/grpc-js');
  const { loadGrpcObject } = require('@skiff/protos');
  const address = path.join(dir, 'containerd.sock');
  const config = path.join(dir, 'config.json');
  fs.writeFileSync(config, JSON.stringify({ logLevel: 'warn', shim: { warm: { size: 0 }, socketDir: path.join(dir, 's') } }));
  const flags = ['--config', config, '--root', path.join(dir, 'root'), '--state', path.join(dir, 'state'), '--address', address];
  const meta = new grpc.Metadata();
  meta.set('skiff-namespace', 'default');
  const creds = grpc.credentials.createInsecure();
  const services = loadGrpcObject('skiff/containerd/services/transfer/v1/transfer.proto').skiff.containerd.services;

  const attempt = async (script) => {
    const proc = startProcess(process.execPath, [...(process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []), script, ...flags], path.join(dir, 'containerd.log'));
    await until('skiff-containerd', () => fs.existsSync(address) && new Promise((resolve) => net.connect(address).once('connect', function () { this.destroy(); resolve(true); }).once('error', () => resolve(false))));
    const transfer = new services.transfer.v1.Transfer(`unix://${address}`, creds);
    // An empty reference is INVALID_ARGUMENT where Pull is served, UNIMPLEMENTED where it is not.
    const code = await new Promise((resolve) => {
      const s = transfer.Pull({ reference: '' }, meta);
      s.on('data', () => undefined);
      s.on('error', (err) => resolve(err.code));
      s.on('end', () => resolve(0));
    });
    if (code !== grpc.status.UNIMPLEMENTED) return { proc, transfer, images: new services.images.v1.Images(`unix://${address}`, creds) };
    transfer.close();
    await proc.stop();
    return undefined;
  };
  // The stock binary once its builtin plugins serve Transfer; until then the launcher that adds them.
  const started = (await attempt(path.join(repo, 'packages/containerd/bin/skiff-containerd'))) ?? (await attempt(path.join(here, 'serve-containerd.mjs')));
  if (!started) throw new Error('skiff-containerd serves no Transfer.Pull');
  cleanups.push(async () => {
    started.transfer.close();
    started.images.close();
    await started.proc.stop();
  });

  const rmi = (name) =>
    new Promise((resolve, reject) =>
      started.images.Delete({ name, sync: true }, meta, (err) => (err && err.code !== grpc.status.NOT_FOUND ? reject(err) : resolve())),
    );
  const pull = (reference) =>
    new Promise((resolve, reject) => {
      const s = started.transfer.Pull({ reference, unpack: true }, meta);
      s.on('data', () => undefined);
      s.on('error', reject);
      s.on('end', resolve);
    });
  return { rmi, pull };
}

async function startDockerd(dir) {
  const socket = path.join(dir, 'docker.sock');
  fs.writeFileSync(path.join(dir, 'daemon.json'), '{}\n');
  const args = [
    '--config-file', path.join(dir, 'daemon.json'),
    '--data-root', path.join(dir, 'data'),
    '--exec-root', path.join(dir, 'exec'),
    '--pidfile', path.join(dir, 'docker.pid'),
    '-H', `unix://${socket}`,
    '--bridge=none',
    '--iptables=false',
    '--ip6tables=false',
    '--storage-driver', 'overlay2',
  ];
  const proc = startProcess(DOCKERD, args, path.join(dir, 'dockerd.log'));
  cleanups.push(async () => {
    await proc.stop(30_000);
    unmountAll(dir);
  });
  const docker = (...a) => spawnSync(DOCKER, ['-H', `unix://${socket}`, ...a], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  await until('dockerd', () => proc.child.exitCode === null && docker('version').status === 0, 90_000);
  const run = (...a) =>
    new Promise((resolve, reject) => {
      const child = spawn(DOCKER, ['-H', `unix://${socket}`, ...a], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker ${a.join(' ')}: exit ${code}: ${stderr.trim()}`))));
    });
  return { rmi: (name) => run('rmi', '-f', name).catch(() => undefined), pull: (name) => run('pull', name) };
}

// ---------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (process.getuid() !== 0) throw new Error('run as root (overlayfs mounts, dockerd)');
  for (const [what, file] of [['docker-registry', REGISTRY], ['dockerd', DOCKERD], ['docker CLI', DOCKER], ['packages/containerd/dist (npx tsc -b packages/containerd)', path.join(dist, 'server.js')]]) {
    if (!file || !fs.existsSync(file)) throw new Error(`${what} is missing${file ? `: ${file}` : ''} (tools/setup.sh installs docker.io and docker-registry)`);
  }
  // Short: dockerd's and containerd's sockets live under it.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sbp-'));
  cleanups.push(() => {
    unmountAll(tmp);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  for (const d of ['registry', 'skiff', 'docker', 'image']) fs.mkdirSync(path.join(tmp, d));

  const host = await startRegistry(path.join(tmp, 'registry'));
  process.stdout.write(`building ${opts.layers} x ${opts.layerMb} MiB of random layers and pushing them to ${host} ...\n`);
  const image = await buildAndPush(path.join(tmp, 'image'), host, opts);
  const reference = `${host}/bench:latest`;
  const skiff = await startSkiff(path.join(tmp, 'skiff'));
  const dockerd = await startDockerd(path.join(tmp, 'docker'));

  const sides = { skiff, dockerd };
  const times = { skiff: [], dockerd: [] };
  const once = async (side) => {
    await sides[side].rmi(reference);
    const start = performance.now();
    await sides[side].pull(reference);
    return performance.now() - start;
  };
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const order = i % 2 === 0 ? ['skiff', 'dockerd'] : ['dockerd', 'skiff'];
    const lap = {};
    for (const side of order) lap[side] = await once(side);
    const timed = i >= opts.warmup;
    if (timed) for (const side of order) times[side].push(lap[side]);
    process.stdout.write(`${timed ? `run ${i - opts.warmup + 1}` : `warm-up ${i + 1}`}: skiff ${(lap.skiff / 1000).toFixed(2)} s, dockerd ${(lap.dockerd / 1000).toFixed(2)} s\n`);
  }

  const skiffMedian = median(times.skiff);
  const dockerdMedian = median(times.dockerd);
  const ratio = skiffMedian / dockerdMedian;
  const mb = (image.bytes / 1e6).toFixed(0);
  process.stdout.write(
    [
      '',
      `image: ${image.layers} layers, ${mb} MB compressed; pull with unpack, after removing the image; ${opts.runs} runs per side`,
      `  skiff-containerd Transfer.Pull  median ${(skiffMedian / 1000).toFixed(2)} s  (${((image.bytes / 1e6) / (skiffMedian / 1000)).toFixed(0)} MB/s)`,
      `  dockerd docker pull             median ${(dockerdMedian / 1000).toFixed(2)} s  (${((image.bytes / 1e6) / (dockerdMedian / 1000)).toFixed(0)} MB/s)`,
      `  ratio skiff/dockerd ${ratio.toFixed(2)} (goal <= 0.70)`,
      '',
    ].join('\n'),
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: 'pull',
      imageBytes: image.bytes,
      layers: image.layers,
      runs: opts.runs,
      skiffMedianMs: Math.round(skiffMedian),
      dockerdMedianMs: Math.round(dockerdMedian),
      ratio: Number(ratio.toFixed(3)),
      skiffMs: times.skiff.map(Math.round),
      dockerdMs: times.dockerd.map(Math.round),
    })}\n`,
  );
}

try {
  await main();
} catch (err) {
  process.stderr.write(`bench/pull: ${err.stack ?? err}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
