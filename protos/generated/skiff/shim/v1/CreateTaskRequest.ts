// Original file: skiff/shim/v1/shim.proto

import type { Mount as _skiff_types_v1_Mount, Mount__Output as _skiff_types_v1_Mount__Output } from '../../../skiff/types/v1/Mount';
import type { RuntimeOptions as _skiff_types_v1_RuntimeOptions, RuntimeOptions__Output as _skiff_types_v1_RuntimeOptions__Output } from '../../../skiff/types/v1/RuntimeOptions';

export interface CreateTaskRequest {
  /**
   * The container id, unique in the shim's namespace.
   */
  'id'?: (string);
  /**
   * Absolute path of the OCI bundle (config.json, and rootfs/ unless rootfs mounts are given).
   */
  'bundle'?: (string);
  /**
   * Mounts that make up the root filesystem, mounted in order onto <bundle>/rootfs. Empty when
   * the bundle's rootfs is already in place.
   */
  'rootfs'?: (_skiff_types_v1_Mount)[];
  /**
   * Give the init process a pseudo-terminal (then stderr must be "": the terminal merges it).
   */
  'terminal'?: (boolean);
  /**
   * Stdio: paths of FIFOs made by the caller, "" when not wanted. The shim opens stdin for
   * reading and copies it to the process; it copies the process's output to stdout and stderr
   * and, when runtime_options.log_path_json_file is set, to that log as well. Values with a
   * "scheme://" prefix are kept for later (file and binary loggers).
   */
  'stdin'?: (string);
  'stdout'?: (string);
  'stderr'?: (string);
  /**
   * Which runtime and how: passed down unchanged from the container's record (see
   * skiff.types.v1.RuntimeOptions). Unset means builtin, no log.
   */
  'runtimeOptions'?: (_skiff_types_v1_RuntimeOptions | null);
}

export interface CreateTaskRequest__Output {
  /**
   * The container id, unique in the shim's namespace.
   */
  'id': (string);
  /**
   * Absolute path of the OCI bundle (config.json, and rootfs/ unless rootfs mounts are given).
   */
  'bundle': (string);
  /**
   * Mounts that make up the root filesystem, mounted in order onto <bundle>/rootfs. Empty when
   * the bundle's rootfs is already in place.
   */
  'rootfs': (_skiff_types_v1_Mount__Output)[];
  /**
   * Give the init process a pseudo-terminal (then stderr must be "": the terminal merges it).
   */
  'terminal': (boolean);
  /**
   * Stdio: paths of FIFOs made by the caller, "" when not wanted. The shim opens stdin for
   * reading and copies it to the process; it copies the process's output to stdout and stderr
   * and, when runtime_options.log_path_json_file is set, to that log as well. Values with a
   * "scheme://" prefix are kept for later (file and binary loggers).
   */
  'stdin': (string);
  'stdout': (string);
  'stderr': (string);
  /**
   * Which runtime and how: passed down unchanged from the container's record (see
   * skiff.types.v1.RuntimeOptions). Unset means builtin, no log.
   */
  'runtimeOptions': (_skiff_types_v1_RuntimeOptions__Output | null);
}
