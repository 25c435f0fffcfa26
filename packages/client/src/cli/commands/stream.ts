// An attached container or exec: the hijacked connection carries stdin one way and the output
// back (raw with a TTY, multiplexed without), the local terminal is raw while a TTY session
// runs, and its size follows the window (SIGWINCH).
import type { Duplex } from 'node:stream';
import { demultiplex } from '../../sdk/stdcopy';
import type { CliContext } from '../context';

export interface Session {
  socket: Duplex;
  tty: boolean;
  stdin: boolean;
  resize?: (rows: number, columns: number) => Promise<void>;
}

/** Pipes a hijacked session until the daemon closes the output. */
export async function pipeSession(ctx: CliContext, session: Session): Promise<void> {
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
  if (session.stdin) {
    ctx.stdin.on('data', (chunk: Buffer) => socket.write(chunk));
    // Half-close: the process sees EOF on stdin and still sends the rest of its output.
    ctx.stdin.once('end', () => socket.end());
    ctx.stdin.resume();
  }
  try {
    if (session.tty)
      await new Promise<void>((resolve, reject) => {
        socket.on('data', (chunk: Buffer) => ctx.stdout.write(chunk));
        socket.on('end', resolve);
        socket.on('close', resolve);
        socket.on('error', reject);
      });
    else await demultiplex(socket, ctx.stdout, ctx.stderr);
  } finally {
    if (session.tty) process.off('SIGWINCH', resize);
    if (rawTerminal) ctx.stdin.setRawMode!(false);
    if (session.stdin) ctx.stdin.pause();
    socket.destroy();
  }
}

/**
 * Attaches to a container, starts it when asked, streams it until it exits and returns its
 * exit code: the wait is registered before the start, so a fast exit cannot be missed.
 */
export async function streamContainer(ctx: CliContext, id: string, options: { stdin?: boolean; start?: boolean; autoRemove?: boolean }): Promise<number> {
  const inspect = await ctx.engine.inspectContainer(id);
  const tty = inspect.Config.Tty === true;
  const stdin = options.stdin === true;
  const socket = await ctx.engine.attachContainer(id, { stdin, stdout: true, stderr: true, stream: true });
  const waiter = await ctx.engine.registerWait(id, options.autoRemove ? 'removed' : 'next-exit');
  const output = pipeSession(ctx, { socket, tty, stdin, resize: (rows, columns) => ctx.engine.resizeContainer(id, rows, columns) });
  if (options.start) {
    try {
      await ctx.engine.startContainer(id);
    } catch (err) {
      socket.destroy();
      await output.catch(() => undefined);
      throw err;
    }
  }
  const [exit] = await Promise.all([waiter.result, output]);
  return exit.StatusCode;
}
