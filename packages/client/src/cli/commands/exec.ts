import type { CliContext } from '../context';
import { DEFAULT_DETACH_KEYS, parseDetachKeys } from './detach-keys';
import { pipeSession, reportDetached } from './stream';

export interface ExecFlags {
  interactive?: boolean;
  tty?: boolean;
  detach?: boolean;
  env?: string[];
  workdir?: string;
  user?: string;
  detachKeys?: string;
}

/** Runs a command in a running container; the exit status is the command's. */
export async function exec(ctx: CliContext, container: string, command: string[], flags: ExecFlags): Promise<number> {
  const attached = !flags.detach;
  const execId = await ctx.engine.createExec(container, {
    Cmd: command,
    AttachStdin: attached && (flags.interactive ?? false),
    AttachStdout: attached,
    AttachStderr: attached,
    Tty: flags.tty ?? false,
    Env: flags.env ?? [],
    ...(flags.workdir ? { WorkingDir: flags.workdir } : {}),
    ...(flags.user ? { User: flags.user } : {}),
    ...(flags.detachKeys ? { DetachKeys: flags.detachKeys } : {}),
  });
  if (flags.detach) {
    await ctx.engine.startExecDetached(execId);
    return 0;
  }
  const socket = await ctx.engine.startExec(execId, { tty: flags.tty });
  const ended = await pipeSession(ctx, {
    socket,
    detachKeys: parseDetachKeys(flags.detachKeys ?? DEFAULT_DETACH_KEYS),
    tty: flags.tty ?? false,
    stdin: flags.interactive ?? false,
    resize: (rows, columns) => ctx.engine.resizeExec(execId, rows, columns),
  });
  if (ended === 'detached') return reportDetached(ctx);
  return (await ctx.engine.inspectExec(execId)).ExitCode ?? 0;
}
