import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { Runtime, realSyscalls } from '@skiff/runc';
import { kernelRootfsMounter } from '../io/rootfs';
import { ADDRESS_FILE, PID_FILE, readRuntimeOptions } from '../bundle-files';
import { isBuiltin } from '../runtime/builtin';
import { ExternalRuntime } from '../runtime/external';
import { checkRuntimeBinary } from '../runtime/select';
import { defaultRuntimeRoot } from '../socket-address';

export interface DeleteOptions {
  id: string;
  bundle: string;
  namespace: string;
  /** The root when the bundle has no runtime-options.json, or one naming no root. */
  runtimeRoot?: string;
}

/** skiff.shim.v1.DeleteResponse in the proto3 JSON mapping, every field present. */
export interface DeleteResponseJson {
  pid: number;
  exitStatus: number;
  exitedAt: string;
}

/** What a lost container needs from its runtime: what is there, then removing it by force. */
interface Leftover {
  inspect(id: string): Promise<{ pid: number; running: boolean }>;
  remove(id: string): Promise<void>;
}

function builtin(root: string): Leftover {
  const runtime = new Runtime({ root });
  return {
    // The record keeps the init's pid after it stopped; `state` reports 0 then.
    inspect: async (id) => ({ pid: runtime.store.load(id).pid, running: runtime.state(id).status !== 'stopped' }),
    remove: async (id) => runtime.delete(id, true),
  };
}

function external(binary: string, root: string, args: string[]): Leftover {
  checkRuntimeBinary(binary);
  const runtime = new ExternalRuntime({ binary, root, args });
  return {
    inspect: async (id) => {
      const state = await runtime.state(id);
      return { pid: state.pid, running: state.status !== 'stopped' };
    },
    remove: (id) => runtime.delete(id),
  };
}

/** Nobody reaped the container for us to read its status: 255, except when we killed it. */
const UNKNOWN_EXIT = 255;
const KILLED = 128 + 9;

/**
 * `skiff-shim delete`: the shim of this bundle is gone, so whatever is left of its container is
 * killed and removed with the runtime the task was created with. Idempotent: a clean bundle
 * answers pid 0.
 */
export async function deleteLost(opts: DeleteOptions): Promise<DeleteResponseJson> {
  const options = readRuntimeOptions(opts.bundle);
  const root = options?.root || opts.runtimeRoot || defaultRuntimeRoot(opts.namespace);
  const runtime = !options || isBuiltin(options.name) ? builtin(root) : external(options.name, root, options.runtimeArgs);
  let pid = 0;
  let exitStatus = UNKNOWN_EXIT;
  try {
    const found = await runtime.inspect(opts.id);
    pid = found.pid;
    if (found.running) exitStatus = KILLED;
    await runtime.remove(opts.id);
  } catch (err) {
    if (!isSkiffError(err, 'NotFound')) throw err;
  }
  // The shim that mounted the rootfs (if it did) is gone; the mount is not.
  kernelRootfsMounter(realSyscalls()).unmount(path.join(opts.bundle, 'rootfs'));
  for (const file of [ADDRESS_FILE, PID_FILE]) fs.rmSync(path.join(opts.bundle, file), { force: true });
  return { pid, exitStatus, exitedAt: new Date().toISOString() };
}
