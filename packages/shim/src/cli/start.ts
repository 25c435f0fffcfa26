import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { deadlineExceeded } from '@skiff/errors';
import { ADDRESS_FILE, PID_FILE, writeFileAtomic } from '../bundle-files';
import { shimClient } from '../grpc/server';
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `skiff-shim start` (docs/shim-api.md): reuse the bundle's live shim, or start a detached
 * `serve` in a session of its own and wait for it to answer. Returns the address to print.
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
  const args = ['--single-threaded', BIN, 'serve', '--socket', socket, '--namespace', opts.namespace];
  if (opts.runtimeRoot) args.push('--runtime-root', opts.runtimeRoot);
  if (opts.debug) args.push('--debug');
  const child = spawn(process.execPath, args, { cwd: opts.bundle, detached: true, stdio: ['ignore', 'ignore', log] });
  fs.closeSync(log);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `code ${code}`));
  child.unref();

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`the shim exited with ${exited} before serving: see ${path.join(opts.bundle, 'shim.log')}`);
    if (await answers(address, 500)) break;
    if (Date.now() >= deadline) {
      child.kill('SIGKILL');
      throw deadlineExceeded(`the shim did not answer on ${socket} within ${READY_TIMEOUT_MS} ms: see ${path.join(opts.bundle, 'shim.log')}`);
    }
    await sleep(50);
  }
  writeFileAtomic(path.join(opts.bundle, ADDRESS_FILE), `${address}\n`);
  writeFileAtomic(path.join(opts.bundle, PID_FILE), `${child.pid}\n`);
  return address;
}
