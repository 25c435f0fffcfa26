import * as fs from 'node:fs';
import { Command } from 'commander';
import { invalidArgument } from '@skiff/errors';
import type { Process } from '@skiff/oci-spec';
import { waitForChildExit } from '../lib/exit-watch';
import { ociSpec } from '../lib/oci-spec-lazy';
import { exitStatusOf } from '../sys/syscalls';
import type { CliContext } from './context';
import { forwardSignals } from './forward-signals';
import { ForegroundTerminal } from './terminal';

interface ExecFlags {
  process?: string;
  tty?: boolean;
  detach?: boolean;
  cwd?: string;
  env: string[];
  user?: string;
  additionalGids: string[];
  cap: string[];
  noNewPrivs?: boolean;
  consoleSocket?: string;
  pidFile?: string;
  preserveFds: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** runc exec's rule: a process.json replaces everything; otherwise the container's own process is the template. */
function processFor(template: Process | undefined, args: string[], flags: ExecFlags): Process {
  if (flags.process) {
    const text = flags.process === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(flags.process, 'utf8');
    const parsed = ociSpec().ProcessSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw invalidArgument(`process.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }
  if (args.length === 0) throw invalidArgument('exec args cannot be empty');
  const proc: Process = { ...(template ?? { cwd: '/' }), args, terminal: flags.tty ?? false } as Process;
  if (flags.cwd) proc.cwd = flags.cwd;
  if (flags.env.length > 0) proc.env = [...(proc.env ?? []), ...flags.env];
  if (flags.user) {
    const [uid, gid] = flags.user.split(':');
    proc.user = { ...(proc.user ?? { uid: 0, gid: 0 }), uid: Number(uid), ...(gid !== undefined ? { gid: Number(gid) } : {}) };
  }
  if (flags.additionalGids.length > 0) {
    proc.user = { ...(proc.user ?? { uid: 0, gid: 0 }), additionalGids: flags.additionalGids.map(Number) };
  }
  if (flags.cap.length > 0) {
    const caps = proc.capabilities ?? {};
    const add = (set: string[] | undefined) => [...new Set([...(set ?? []), ...flags.cap])];
    proc.capabilities = {
      ...caps,
      bounding: add(caps.bounding),
      effective: add(caps.effective),
      permitted: add(caps.permitted),
    };
  }
  if (flags.noNewPrivs) proc.noNewPrivileges = true;
  return proc;
}

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('exec')
    .description('execute new process inside the container')
    .argument('<container-id>')
    .argument('[command...]')
    .option('-p, --process <path>', 'path to the process.json')
    .option('-t, --tty', 'allocate a pseudo-TTY')
    .option('-d, --detach', 'detach from the container\'s process')
    .option('--cwd <path>', 'current working directory in the container')
    .option('-e, --env <KEY=VALUE>', 'set environment variables', collect, [])
    .option('-u, --user <uid[:gid]>', 'UID (format: <uid>[:<gid>])')
    .option('-g, --additional-gids <gid>', 'additional gids', collect, [])
    .option('-c, --cap <cap>', 'add a capability to the bounding set for the process', collect, [])
    .option('--no-new-privs', 'set the no new privileges value for the process')
    .option('--console-socket <path>', 'path to an AF_UNIX socket which will receive the pty master')
    .option('--pid-file <path>', 'specify the file to write the process id to')
    .option('--preserve-fds <n>', 'pass N additional file descriptors to the container', '0')
    .option('--apparmor <profile>', 'set the apparmor profile for the process (not supported: ignored when empty)')
    .option('--process-label <label>', 'set the asm process label (not supported)')
    .option('--cgroup <path>', 'run the process in a (sub-)cgroup (not supported)')
    .passThroughOptions()
    .action(async (id: string, args: string[], flags: ExecFlags & { apparmor?: string; processLabel?: string; cgroup?: string }) => {
      if (flags.apparmor || flags.processLabel || flags.cgroup) {
        throw invalidArgument('--apparmor, --process-label and --cgroup are not supported by skiff-runc');
      }
      const { runtime } = ctx();
      const template = runtime.store.load(id).config.process ?? undefined;
      const proc = processFor(template, args, flags);
      const terminal = proc.terminal && !flags.detach && !flags.consoleSocket ? new ForegroundTerminal() : undefined;
      const pid = runtime.exec(id, proc, {
        ...(flags.consoleSocket ? { consoleSocket: flags.consoleSocket } : {}),
        ...(terminal ? { consoleFd: terminal.containerEnd } : {}),
        ...(flags.pidFile ? { pidFile: flags.pidFile } : {}),
        preserveFds: Number(flags.preserveFds),
        detach: flags.detach ?? false,
      });
      if (flags.detach) return;
      terminal?.attach();
      const stop = forwardSignals(pid, terminal ? ['SIGWINCH'] : []);
      const status = await waitForChildExit(pid);
      stop();
      await terminal?.detach();
      ctx().exitCode = exitStatusOf(status);
    });
}
