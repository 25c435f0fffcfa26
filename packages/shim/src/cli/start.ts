import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { deadlineExceeded, isSkiffError } from '@skiff/errors';
import { ADDRESS_FILE, PID_FILE, writeFileAtomic } from '../bundle-files';
import { DEFAULT_SOCKET_DIR, socketPathFor } from '../socket-address';

export interface StartOptions {
  id: string;
  bundle: string;
  namespace: string;
  address: string;
  socketDir?: string;
  runtimeRoot?: string;
  debug: boolean;
}

const READY_TIMEOUT_MS = 10_000;
const BIN = path.resolve(__dirname, '../../bin/skiff-shim');

/**
 * Whether a shim answers at address. Any status but "cannot reach" counts: a shim that answers
 * NOT_FOUND (it holds no task of that id yet, as a warm shim) is alive.
 */
export function answers(address: string, timeoutMs: number): Promise<boolean> {
  // Required here: only a bundle that already names a shim needs gRPC, and loading it is a good
  // part of this short-lived command's start-up.
  const grpc: typeof import('@grpc/grpc-js') = require('@grpc/grpc-js');
  const { shimClient }: typeof import('../grpc/server') = require('../grpc/server');
  const client = shimClient(address);
  return new Promise<boolean>((resolve) => {
    client.Connect({ id: '' }, { deadline: Date.now() + timeoutMs }, (err) => {
      resolve(!err || (err.code !== grpc.status.UNAVAILABLE && err.code !== grpc.status.DEADLINE_EXCEEDED));
    });
  }).finally(() => client.close());
}

function readAddress(bundle: string): string | undefined {
  try {
    return fs.readFileSync(path.join(bundle, ADDRESS_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves once the new shim writes its "ready" line on the pipe it was given (its socket then
 * answers); rejects if the pipe ends first (the shim exited) or after the timeout.
 */
function readyLine(pipe: Readable, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(deadlineExceeded('no ready line')), timeoutMs);
    const done = (err?: Error) => {
      clearTimeout(timer);
      pipe.removeAllListeners();
      pipe.destroy();
      if (err) reject(err);
      else resolve();
    };
    pipe.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('ready\n')) done();
    });
    pipe.on('end', () => done(new Error('the pipe ended')));
    pipe.on('error', (err) => done(err));
  });
}

/**
 * `skiff-shim start` (docs/shim-api.md): reuse the bundle's live shim, or start a detached
 * `serve` in a session of its own and wait until it says it answers. Returns the address to print.
 */
export async function start(opts: StartOptions): Promise<string> {
  const existing = readAddress(opts.bundle);
  if (existing && (await answers(existing, 1_000))) return existing;

  const socketDir = opts.socketDir ?? DEFAULT_SOCKET_DIR;
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o711 });
  fs.chmodSync(socketDir, 0o711);
  const socket = socketPathFor(socketDir, opts.address, opts.namespace, opts.id);
  const address = `unix://${socket}`;

  const log = fs.openSync(path.join(opts.bundle, 'shim.log'), 'a', 0o600);
  // fd 3 of the shim is the write end of a pipe: it writes "ready" there once its socket answers,
  // which spares this command polling the socket (and loading gRPC to do it).
  // A 2 MiB young generation instead of V8's 16: an idle shim maps ~8 MiB less anonymous memory,
  // which each container's shim costs and every fork of the shim (a create, an exec) copies on
  // write. Measured with bench/e2e's 20 MB of log lines: 2 MiB copies them as fast as 16 MiB did,
  // 1 MiB took ~45% longer (scavenges).
  const args = ['--single-threaded', '--max-semi-space-size=2', BIN, 'serve', '--socket', socket, '--namespace', opts.namespace, '--ready-fd', '3'];
  if (opts.runtimeRoot) args.push('--runtime-root', opts.runtimeRoot);
  if (opts.debug) args.push('--debug');
  const child = spawn(process.execPath, args, { cwd: opts.bundle, detached: true, stdio: ['ignore', 'ignore', log, 'pipe'] });
  fs.closeSync(log);
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)));
  const logFile = path.join(opts.bundle, 'shim.log');
  try {
    await readyLine(child.stdio[3] as Readable, READY_TIMEOUT_MS);
  } catch (err) {
    if (isSkiffError(err, 'DeadlineExceeded')) {
      child.kill('SIGKILL');
      throw deadlineExceeded(`the shim did not answer on ${socket} within ${READY_TIMEOUT_MS} ms: see ${logFile}`);
    }
    // The pipe ended without a ready line: the shim is exiting, or broke its side and must go.
    const status = await Promise.race([exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1_000))]);
    if (status === undefined) child.kill('SIGKILL');
    throw new Error(`the shim exited with ${status ?? await exited} before serving: see ${logFile}`);
  }
  // Serving: this command may exit and leave the shim running.
  child.unref();
  writeFileAtomic(path.join(opts.bundle, ADDRESS_FILE), `${address}\n`);
  writeFileAtomic(path.join(opts.bundle, PID_FILE), `${child.pid}\n`);
  return address;
}
