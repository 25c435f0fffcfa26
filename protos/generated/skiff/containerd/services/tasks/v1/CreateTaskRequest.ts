// Original file: skiff/containerd/services/tasks/v1/tasks.proto

import type { Mount as _skiff_types_v1_Mount, Mount__Output as _skiff_types_v1_Mount__Output } from '../../../../../skiff/types/v1/Mount';
import type { RuntimeOptions as _skiff_types_v1_RuntimeOptions, RuntimeOptions__Output as _skiff_types_v1_RuntimeOptions__Output } from '../../../../../skiff/types/v1/RuntimeOptions';

export interface CreateTaskRequest {
  'containerId'?: (string);
  /**
   * Root filesystem mounts. Empty: containerd mounts the container's snapshot
   * (Container.snapshotter / snapshot_key).
   */
  'rootfs'?: (_skiff_types_v1_Mount)[];
  'terminal'?: (boolean);
  /**
   * FIFO paths or "" (see skiff.shim.v1.CreateTaskRequest).
   */
  'stdin'?: (string);
  'stdout'?: (string);
  'stderr'?: (string);
  /**
   * When set, replaces (as a whole) the container's runtime.options for this task only. Unset:
   * the container's are used. Either way they reach the shim unchanged.
   */
  'runtimeOptions'?: (_skiff_types_v1_RuntimeOptions | null);
}

export interface CreateTaskRequest__Output {
  'containerId': (string);
  /**
   * Root filesystem mounts. Empty: containerd mounts the container's snapshot
   * (Container.snapshotter / snapshot_key).
   */
  'rootfs': (_skiff_types_v1_Mount__Output)[];
  'terminal': (boolean);
  /**
   * FIFO paths or "" (see skiff.shim.v1.CreateTaskRequest).
   */
  'stdin': (string);
  'stdout': (string);
  'stderr': (string);
  /**
   * When set, replaces (as a whole) the container's runtime.options for this task only. Unset:
   * the container's are used. Either way they reach the shim unchanged.
   */
  'runtimeOptions': (_skiff_types_v1_RuntimeOptions__Output | null);
}
