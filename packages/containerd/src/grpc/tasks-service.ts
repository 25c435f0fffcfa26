import type { TasksHandlers } from '@skiff/protos/generated/skiff/containerd/services/tasks/v1/Tasks';
import type { TasksCore } from '../runtime/tasks';
import {
  CloseIOSchema,
  ContainerRefSchema,
  CreateTaskSchema,
  ExecSchema,
  FiltersSchema,
  KillSchema,
  ProcessRefSchema,
  ResizePtySchema,
  UpdateTaskSchema,
} from './schemas';
import { unary } from './unary';

const done = () => ({});

/** skiff.containerd.services.tasks.v1.Tasks over TasksCore. */
export function tasksService(core: TasksCore): TasksHandlers {
  return {
    Create: unary(CreateTaskSchema, async (r, ns) => {
      const { pid } = await core.create(ns, r.containerId, r);
      return { containerId: r.containerId, pid };
    }),
    Start: unary(ProcessRefSchema, (r, ns) => core.start(ns, r.containerId, r.execId)),
    Delete: unary(ContainerRefSchema, async (r, ns) => ({ containerId: r.containerId, execId: '', ...(await core.delete(ns, r.containerId)) })),
    DeleteProcess: unary(ProcessRefSchema, async (r, ns) => ({
      containerId: r.containerId,
      execId: r.execId,
      ...(await core.deleteProcess(ns, r.containerId, r.execId)),
    })),
    Get: unary(ProcessRefSchema, async (r, ns) => ({ process: await core.get(ns, r.containerId, r.execId) })),
    List: unary(FiltersSchema, (r, ns) => ({ tasks: core.list(ns, r.filters) })),
    Kill: unary(KillSchema, (r, ns) => core.kill(ns, r.containerId, r.execId, r.signal, r.all).then(done)),
    Exec: unary(ExecSchema, (r, ns) => core.exec(ns, r.containerId, r.execId, r, r.spec).then(done)),
    ResizePty: unary(ResizePtySchema, (r, ns) => core.resizePty(ns, r.containerId, r.execId, r.width, r.height).then(done)),
    CloseIO: unary(CloseIOSchema, (r, ns) => core.closeIO(ns, r.containerId, r.execId, r.stdin).then(done)),
    Pause: unary(ContainerRefSchema, (r, ns) => core.pause(ns, r.containerId).then(done)),
    Resume: unary(ContainerRefSchema, (r, ns) => core.resume(ns, r.containerId).then(done)),
    ListPids: unary(ContainerRefSchema, async (r, ns) => ({ processes: await core.pids(ns, r.containerId) })),
    Update: unary(UpdateTaskSchema, (r, ns) => core.update(ns, r.containerId, r.resources, r.annotations).then(done)),
    Metrics: unary(FiltersSchema, async (r, ns) => ({ metrics: await core.metrics(ns, r.filters) })),
    // A wait has no deadline of its own: it lasts as long as the process, or the caller's patience.
    Wait: unary(ProcessRefSchema, (r, ns) => core.wait(ns, r.containerId, r.execId)),
  } as TasksHandlers;
}
