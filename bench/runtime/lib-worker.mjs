// The in-process side of the runtime benchmark: one long-lived `node --single-threaded` process
// that uses skiff-runc as a library (as skiff-shim will), driven line by line over stdin/stdout by
// bench/runtime/run.mjs.
//
//   node --single-threaded bench/runtime/lib-worker.mjs --root <dir> --bundle <dir>
//
// Protocol (one JSON object per line):
//   worker → driver, once:   {"ready":true,"entry":"@skiff/runc"|"dist","load_ms":n}
//   driver → worker:         {"op":"iter","id":"<container id>"}
//   worker → driver:         {"ok":true,"id":..,"ms":n,"create_ms":n,"start_ms":n,"wait_ms":n,"delete_ms":n,"status":n}
//                         or {"ok":false,"id":..,"error":"..."}
//   driver → worker:         {"op":"quit"}   (or stdin closes) → the worker deletes what it still holds and exits
//
// One iteration is create → start → wait for the init to exit → delete, timed with hrtime inside
// this process: no Node start-up is counted, which is the point of the library path. The container's
// stdin/stdout/stderr are /dev/null.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.includes('--single-threaded')) {
  // Runtime.create forks this process; a forked multi-threaded V8 can hang (docs in packages/runc).
  process.stderr.write('lib-worker: must run under node --single-threaded\n');
  process.exit(2);
}

function arg(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) {
    process.stderr.write(`lib-worker: missing ${name}\n`);
    process.exit(2);
  }
  return process.argv[i + 1];
}
const root = arg('--root');
const bundle = arg('--bundle');

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tLoad = process.hrtime.bigint();
let Runtime;
let waitForChildExit;
let entry;
try {
  // The package entry (packages/runc/src/index.ts → dist/index.js), through the workspace symlink.
  ({ Runtime, waitForChildExit } = require('@skiff/runc'));
  entry = '@skiff/runc';
} catch {
  entry = 'dist';
}
if (typeof Runtime !== 'function' || typeof waitForChildExit !== 'function') {
  const dist = process.env.SKIFF_RUNC_DIST ?? path.resolve(here, '../../packages/runc/dist');
  ({ Runtime } = require(path.join(dist, 'lib/runtime.js')));
  ({ waitForChildExit } = require(path.join(dist, 'lib/exit-watch.js')));
  entry = 'dist';
}
const runtime = new Runtime({ root, warn: (m) => process.stderr.write(`lib-worker: warning: ${m}\n`) });
const loadMs = Number(process.hrtime.bigint() - tLoad) / 1e6;

const devNullIn = fs.openSync('/dev/null', 'r');
const devNullOut = fs.openSync('/dev/null', 'w');
const stdio = { stdin: devNullIn, stdout: devNullOut, stderr: devNullOut };

const send = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);
const ms = (a, b) => Number(b - a) / 1e6;
/** Container ids this worker created and has not deleted yet. */
const live = new Set();

async function iterate(id) {
  const t0 = process.hrtime.bigint();
  const state = runtime.create(id, { bundle, stdio });
  live.add(id);
  const t1 = process.hrtime.bigint();
  runtime.start(id);
  const t2 = process.hrtime.bigint();
  const status = await waitForChildExit(state.pid);
  const t3 = process.hrtime.bigint();
  runtime.delete(id, true);
  live.delete(id);
  const t4 = process.hrtime.bigint();
  return {
    ok: true,
    id,
    ms: ms(t0, t4),
    create_ms: ms(t0, t1),
    start_ms: ms(t1, t2),
    wait_ms: ms(t2, t3),
    delete_ms: ms(t3, t4),
    status,
  };
}

function deleteLive() {
  for (const id of live) {
    try {
      runtime.delete(id, true);
    } catch (err) {
      process.stderr.write(`lib-worker: delete ${id}: ${err?.message ?? err}\n`);
    }
    live.delete(id);
  }
}

function finish(code) {
  deleteLive();
  process.exit(code);
}
process.on('SIGTERM', () => finish(143));
process.on('SIGINT', () => finish(130));

const rl = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on('line', (line) => {
  queue = queue.then(async () => {
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      send({ ok: false, error: `bad request: ${line}` });
      return;
    }
    if (msg.op === 'quit') finish(0);
    if (msg.op !== 'iter' || typeof msg.id !== 'string') {
      send({ ok: false, error: `unknown request: ${line}` });
      return;
    }
    try {
      send(await iterate(msg.id));
    } catch (err) {
      deleteLive();
      send({ ok: false, id: msg.id, error: `${err?.code ? `${err.code}: ` : ''}${err?.message ?? String(err)}` });
    }
  });
});
rl.on('close', () => {
  queue.then(() => finish(0));
});

send({ ready: true, entry, load_ms: loadMs, pid: process.pid });
