// Original file: skiff/types/v1/mount.proto


/**
 * Mount is one mount(2) call, described so that a process that did not prepare it can perform
 * it. A snapshotter hands these out for a root filesystem; containerd passes them to the shim in
 * CreateTaskRequest.rootfs, and the shim (or the runtime) mounts them in order.
 */
export interface Mount {
  /**
   * Filesystem type: "overlay", "tmpfs", "bind" (a bind mount: options carry "rbind", "ro"...).
   */
  'type'?: (string);
  /**
   * What to mount: a device, a directory for a bind mount, or a label such as "overlay".
   */
  'source'?: (string);
  /**
   * Where to mount it, relative to the root filesystem. "" is the root filesystem itself, which
   * is what a snapshot's mounts always use.
   */
  'target'?: (string);
  /**
   * mount(8)-style options, in order: "ro", "rbind", "lowerdir=...", "upperdir=...", "workdir=...".
   */
  'options'?: (string)[];
}

/**
 * Mount is one mount(2) call, described so that a process that did not prepare it can perform
 * it. A snapshotter hands these out for a root filesystem; containerd passes them to the shim in
 * CreateTaskRequest.rootfs, and the shim (or the runtime) mounts them in order.
 */
export interface Mount__Output {
  /**
   * Filesystem type: "overlay", "tmpfs", "bind" (a bind mount: options carry "rbind", "ro"...).
   */
  'type': (string);
  /**
   * What to mount: a device, a directory for a bind mount, or a label such as "overlay".
   */
  'source': (string);
  /**
   * Where to mount it, relative to the root filesystem. "" is the root filesystem itself, which
   * is what a snapshot's mounts always use.
   */
  'target': (string);
  /**
   * mount(8)-style options, in order: "ro", "rbind", "lowerdir=...", "upperdir=...", "workdir=...".
   */
  'options': (string)[];
}
