// Original file: skiff/containerd/services/containers/v1/containers.proto

import type { RuntimeOptions as _skiff_types_v1_RuntimeOptions, RuntimeOptions__Output as _skiff_types_v1_RuntimeOptions__Output } from '../../../../../skiff/types/v1/RuntimeOptions';

/**
 * Runtime is the runtime a container's tasks run with: the user's name for it and the options
 * the shim acts on.
 */
export interface Runtime {
  /**
   * The name the user picked (`docker run --runtime NAME`, a key of skiffd's "runtimes"
   * config), recorded as chosen; containerd does not interpret it.
   */
  'name'?: (string);
  /**
   * What the shim will act on: passed to it unchanged in each CreateTask.
   */
  'options'?: (_skiff_types_v1_RuntimeOptions | null);
  /**
   * Tasks of containers with the same non-empty group (in one namespace) share one shim
   * process, to save memory. "" leaves the choice to skiff-containerd (by default a shim of
   * its own, taken from the warm pool). See docs/shim-api.md, "Grouping".
   */
  'shimGroup'?: (string);
}

/**
 * Runtime is the runtime a container's tasks run with: the user's name for it and the options
 * the shim acts on.
 */
export interface Runtime__Output {
  /**
   * The name the user picked (`docker run --runtime NAME`, a key of skiffd's "runtimes"
   * config), recorded as chosen; containerd does not interpret it.
   */
  'name': (string);
  /**
   * What the shim will act on: passed to it unchanged in each CreateTask.
   */
  'options': (_skiff_types_v1_RuntimeOptions__Output | null);
  /**
   * Tasks of containers with the same non-empty group (in one namespace) share one shim
   * process, to save memory. "" leaves the choice to skiff-containerd (by default a shim of
   * its own, taken from the warm pool). See docs/shim-api.md, "Grouping".
   */
  'shimGroup': (string);
}
