// An attached container or exec: the hijacked connection carries stdin one way and the output
// back (raw with a TTY, multiplexed without), the local terminal is raw while a TTY session
// runs, and its size follows the window (SIGWINCH).
import type { Duplex } from 'node:stream';
import { demultiplex } from '../../sdk/stdcopy';
import type { CliContext } from '../context';
import { DEFAULT_DETACH_KEYS, escapeFilter, parseDetachKeys } from './detach-keys';
import { proxySignals } from './sig-proxy';

export interface Session {
  socket: Duplex;
  tty: boolean;
  stdin: boolean;
  resize?: (rows: number, columns: number) => Promise<void>;
  /** Watched for in a TTY session's input: typing them ends the session, not the process. */
  detachKeys?: Buffer;
  /** Ends the session as the detach keys do, when it settles first. */
  interrupted?: Promise<void>;
}

/**
 * Pipes a hijacked session until the daemon closes the output, or until the detach keys are
 * typed ("detached": the process goes on running).
 */
export async function pipeSession(ctx: CliContext, session: Session): Promise<'ended' | 'detached'> {
  const { socket } = session;
  const rawTerminal = session.tty && session.stdin && ctx.stdin.isTTY === true && typeof ctx.stdin.setRawMode === 'function';
  if (rawTerminal) ctx.stdin.setRawMode!(true);
  const resize = () => {
    if (session.resize && ctx.stdout.rows && ctx.stdout.columns) session.resize(ctx.stdout.rows, ctx.stdout.columns).catch(() => undefined);
  };
  if (session.tty) {
    resize();
    process.on('SIGWINCH', resize);
  }
  let detach: (() => void) | undefined;
  const detached = new Promise<'detached'>((resolve) => (detach = () => resolve('detached')));
  void session.interrupted?.then(detach);
  const onInput =
    session.tty && session.detachKeys?.length ? escapeFilter(session.detachKeys, (chunk) => socket.write(chunk), detach!) : (chunk: Buffer) => socket.write(chunk);
  if (session.stdin) {
    ctx.stdin.on('data', onInput);
    // Half-close: the process sees EOF on stdin and still sends the rest of its output.
    ctx.stdin.once('end', () => socket.end());
    ctx.stdin.resume();
  }
  try {
    const output = session.tty
      ? new Promise<'ended'>((resolve, reject) => {
          socket.on('data', (chunk: Buffer) => ctx.stdout.write(chunk));
          socket.on('end', () => resolve('ended'));
          socket.on('close', () => resolve('ended'));
          socket.on('error', reject);
        })
      : demultiplex(socket, ctx.stdout, ctx.stderr).then(() => 'ended' as const);
    return await Promise.race([output, detached]);
  } finally {
    if (session.tty) process.off('SIGWINCH', resize);
    if (rawTerminal) ctx.stdin.setRawMode!(false);
    if (session.stdin) {
      ctx.stdin.off('data', onInput);
      ctx.stdin.pause();
    }
    socket.destroy();
  }
}

/**
 * Attaches to a container, starts it when asked, streams it until it exits and returns its
 * exit code (or "detached" after the detach keys): the wait is registered before the start, so a
 * fast exit cannot be missed. With `sigProxy` and no TTY the signals skiff receives meanwhile go
 * to the container (with a TTY the terminal delivers ctrl-c itself); with `detachOnInterrupt` a
 * forwarded SIGINT or SIGTERM also ends the session, as docker's `start -a` does.
 */
export async function streamContainer(
  ctx: CliContext,
  id: string,
  options: StreamOptions & { sigProxy?: boolean; detachOnInterrupt?: boolean },
): Promise<number | 'detached'> {
  const inspect = await ctx.engine.inspectContainer(id);
  const tty = inspect.Config.Tty === true;
  let interrupt: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  const onForwarded = options.detachOnInterrupt ? (signal: NodeJS.Signals) => (signal === 'SIGINT' || signal === 'SIGTERM') && interrupt() : undefined;
  const stopProxy = options.sigProxy && !tty ? proxySignals(ctx, id, onForwarded) : undefined;
  try {
    return await attachAndWait(ctx, id, tty, { ...options, interrupted });
  } finally {
    stopProxy?.();
  }
}

interface StreamOptions {
  stdin?: boolean;
  /** Unless false: run -a can leave either out. */
  stdout?: boolean;
  stderr?: boolean;
  start?: boolean;
  autoRemove?: boolean;
  detachKeys?: string;
  waitCondition?: 'not-running' | 'next-exit' | 'removed';
}

async function attachAndWait(ctx: CliContext, id: string, tty: boolean, options: StreamOptions & { interrupted: Promise<void> }): Promise<number | 'detached'> {
  const stdin = options.stdin === true;
  const detachKeys = parseDetachKeys(options.detachKeys ?? DEFAULT_DETACH_KEYS);
  const socket = await ctx.engine.attachContainer(id, { stdin, stdout: options.stdout !== false, stderr: options.stderr !== false, stream: true, detachKeys: options.detachKeys });
  const waiter = await ctx.engine.registerWait(id, options.waitCondition ?? (options.autoRemove ? 'removed' : 'next-exit'));
  const output = pipeSession(ctx, { socket, tty, stdin, detachKeys, interrupted: options.interrupted, resize: (rows, columns) => ctx.engine.resizeContainer(id, rows, columns) });
  if (options.start) {
    try {
      await ctx.engine.startContainer(id);
    } catch (err) {
      socket.destroy();
      await output.catch(() => undefined);
      throw err;
    }
  }
  if ((await output) === 'detached') return 'detached';
  return (await waiter.result).StatusCode;
}

/** What docker attach and exec -it print after the detach keys, with exit status 1. */
export function reportDetached(ctx: CliContext): number {
  ctx.stderr.write('read escape sequence\n');
  return 1;
}
