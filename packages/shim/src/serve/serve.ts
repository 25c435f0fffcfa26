import { kernelRootfsMounter } from '../io/rootfs';
import * as fs from 'node:fs';
import { defaultSpec, parseRuntimeConfig } from '@skiff/oci-spec';
import { realSyscalls } from '@skiff/runc';
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

export interface ServeOptions {
  socket: string;
  namespace: string;
  /** Where the builtin runtime keeps its state for tasks whose options name no root. */
  runtimeRoot: string;
  /** Log every call to stderr (the shim's log when started by `skiff-shim start`). */
  debug: boolean;
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
  const spec = JSON.stringify(defaultSpec());
  for (let round = 0; round < 2; round++) {
    parseRuntimeConfig(spec);
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
  });
  const service = taskService({ manager, events, namespace: opts.namespace, version });
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const server = await listen(opts.socket, service.handlers, opts.debug ? log : undefined);
  process.on('SIGCHLD', sweep);
  exit = async () => {
    manager.abandon();
    service.endStreams();
    await stopServer(server, 2_000);
    fs.rmSync(opts.socket, { force: true });
    process.exit(0);
  };
}
