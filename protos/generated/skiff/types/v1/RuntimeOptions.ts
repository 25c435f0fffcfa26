// Original file: skiff/types/v1/runtime.proto

import type { LogOptions as _skiff_types_v1_LogOptions, LogOptions__Output as _skiff_types_v1_LogOptions__Output } from '../../../skiff/types/v1/LogOptions';

/**
 * RuntimeOptions says how the shim runs one container's processes. The same message travels
 * unchanged at every hop, so a runtime chosen at the top reaches the shim without translation:
 * 
 * skiffd config "runtimes" / `docker run --runtime NAME`
 * -> containers.v1 Container.runtime.options        (stored with the container)
 * -> tasks.v1 CreateTaskRequest.runtime_options      (optional override for one task)
 * -> shim.v1 CreateTaskRequest.runtime_options       (what the shim acts on)
 * 
 * Each hop passes the message through whole; none rewrites fields it does not own. New options
 * are added here as new fields, never as a side channel.
 */
export interface RuntimeOptions {
  /**
   * Which OCI runtime the shim drives: "builtin" (or "") runs skiff-runc's library inside the
   * shim process, with no extra process start; anything else is the absolute path of an OCI
   * runtime binary speaking the runc command line (runc, crun, skiff-runc).
   */
  'name'?: (string);
  /**
   * The runtime's state directory, passed as its --root. "" lets the shim choose
   * /run/skiff/runtime/<namespace>.
   */
  'root'?: (string);
  /**
   * Extra global arguments given to an external runtime before its subcommand (like dockerd's
   * "runtimeArgs", e.g. "--systemd-cgroup"). Ignored by "builtin".
   */
  'runtimeArgs'?: (string)[];
  /**
   * Where the shim writes the container's output in Docker's json-file format (one JSON object
   * per line: {"log", "stream", "time"}). "" writes no log. The shim writes it itself, so the log
   * keeps growing while skiffd or skiff-containerd are down.
   */
  'logPathJsonFile'?: (string);
  /**
   * Rotation of that log.
   */
  'logOptions'?: (_skiff_types_v1_LogOptions | null);
}

/**
 * RuntimeOptions says how the shim runs one container's processes. The same message travels
 * unchanged at every hop, so a runtime chosen at the top reaches the shim without translation:
 * 
 * skiffd config "runtimes" / `docker run --runtime NAME`
 * -> containers.v1 Container.runtime.options        (stored with the container)
 * -> tasks.v1 CreateTaskRequest.runtime_options      (optional override for one task)
 * -> shim.v1 CreateTaskRequest.runtime_options       (what the shim acts on)
 * 
 * Each hop passes the message through whole; none rewrites fields it does not own. New options
 * are added here as new fields, never as a side channel.
 */
export interface RuntimeOptions__Output {
  /**
   * Which OCI runtime the shim drives: "builtin" (or "") runs skiff-runc's library inside the
   * shim process, with no extra process start; anything else is the absolute path of an OCI
   * runtime binary speaking the runc command line (runc, crun, skiff-runc).
   */
  'name': (string);
  /**
   * The runtime's state directory, passed as its --root. "" lets the shim choose
   * /run/skiff/runtime/<namespace>.
   */
  'root': (string);
  /**
   * Extra global arguments given to an external runtime before its subcommand (like dockerd's
   * "runtimeArgs", e.g. "--systemd-cgroup"). Ignored by "builtin".
   */
  'runtimeArgs': (string)[];
  /**
   * Where the shim writes the container's output in Docker's json-file format (one JSON object
   * per line: {"log", "stream", "time"}). "" writes no log. The shim writes it itself, so the log
   * keeps growing while skiffd or skiff-containerd are down.
   */
  'logPathJsonFile': (string);
  /**
   * Rotation of that log.
   */
  'logOptions': (_skiff_types_v1_LogOptions__Output | null);
}
