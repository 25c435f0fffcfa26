import { kernelRootfsMounter } from '../io/rootfs';
import * as fs from 'node:fs';
import { defaultSpec, parseRuntimeConfig } from '@skiff/oci-spec';
import { cgroupManagerOfProcess, compileSeccomp, realSyscalls } from '@skiff/runc';
import { EventLog } from '../core/event-log';
import { TaskManager } from '../core/task-manager';
import { listen, stopServer, taskServiceDefinition } from '../grpc/server';
import { taskService } from '../grpc/task-service';
import { warmUpCodecs } from '../grpc/warm-up';
import { processIoFactory } from '../io/process-io';
import { watchChildExit } from '../runtime/builtin';
import { runtimeSelector } from '../runtime/select';
import { version } from '../version';
import { reapOrphans } from './orphan-reaper';

const PR_SET_CHILD_SUBREAPER = 36;

/** A filter with the kinds of rule a Docker profile has: errno, an argument mask, every x86 half. */
const WARM_UP_SECCOMP = {
  defaultAction: 'SCMP_ACT_ALLOW',
  architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
  syscalls: [
    { names: ['mount', 'umount2'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 },
    { names: ['clone'], action: 'SCMP_ACT_ERRNO', errnoRet: 1, args: [{ index: 0, value: 0x10000000, valueTwo: 0x10000000, op: 'SCMP_CMP_MASKED_EQ' }] },
  ],
};

export interface ServeOptions {
  socket: string;
  namespace: string;
  /** Where the builtin runtime keeps its state for tasks whose options name no root. */
  runtimeRoot: string;
  /** Log every call to stderr (the shim's log when started by `skiff-shim start`). */
  debug: boolean;
  /** An fd to write "ready\n" to, then close, once the socket answers (`skiff-shim start` waits on it). */
  readyFd?: number;
}

/**
 * The long-lived shim: becomes the subreaper its containers' processes fall back to once the
 * runtime's intermediate processes are gone, serves the Task API on its socket, and exits (socket
 * removed, Events streams ended) once Shutdown finds it holding nothing.
 */
export async function serve(opts: ServeOptions): Promise<void> {
  // Shims are started ahead of need: what the first Create would otherwise pay for (loading zod
  // and the OCI schemas, compiling the config parser, ~150 ms; generating the message codecs) is
  // paid here, before the socket answers and the shim counts as ready. Twice: zod compiles a
  // schema into a function on its first parse, and V8 compiles that function on its first call.
  // A seccomp section too: skiffd gives every container one, and its schema, the syscall tables
  // and the BPF code generator cost a first Create ~7 ms more when cold.
  const base = defaultSpec();
  const spec = JSON.stringify({ ...base, linux: { ...base.linux, seccomp: WARM_UP_SECCOMP } });
  for (let round = 0; round < 2; round++) {
    compileSeccomp(parseRuntimeConfig(spec).linux!.seccomp!);
    warmUpCodecs(taskServiceDefinition(), opts.namespace);
  }
  const sys = realSyscalls();
  sys.prctl(PR_SET_CHILD_SUBREAPER, 1);
  const events = new EventLog();
  let exit = async (): Promise<void> => {};
  // While an external runtime command runs, the processes it makes are re-parented to the shim
  // before their pids are known: a sweep then could reap an exit that belongs to a watcher.
  let runtimeCommands = 0;
  const sweep = () => {
    if (runtimeCommands === 0) reapOrphans((pid) => manager.ownsPid(pid), sys);
  };
  const onCommand = (delta: 1 | -1) => {
    runtimeCommands += delta;
    // After the caller has recorded the new pid (its continuation runs before the next macrotask).
    if (runtimeCommands === 0) setImmediate(sweep);
  };
  const manager: TaskManager = new TaskManager({
    runtimeFor: runtimeSelector(onCommand),
    watchExit: watchChildExit,
    openIo: processIoFactory(sys),
    events,
    address: `unix://${opts.socket}`,
    defaultRuntimeRoot: opts.runtimeRoot,
    reapOrphans: sweep,
    // After the Shutdown (or Delete) that asked for it has been answered.
    onExitRequested: () => setImmediate(() => void exit()),
    rootfsMounter: kernelRootfsMounter(sys),
    oomCounterOf: (pid) => {
      const cgroups = cgroupManagerOfProcess(pid);
      return () => cgroups.oomKillCount();
    },
  });
  const service = taskService({ manager, events, namespace: opts.namespace, version });
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const server = await listen(opts.socket, service.handlers, opts.debug ? log : undefined);
  if (opts.readyFd !== undefined) {
    fs.writeSync(opts.readyFd, 'ready\n');
    fs.closeSync(opts.readyFd);
  }
  process.on('SIGCHLD', sweep);
  exit = async () => {
    manager.abandon();
    service.endStreams();
    await stopServer(server, 2_000);
    fs.rmSync(opts.socket, { force: true });
    process.exit(0);
  };
}
