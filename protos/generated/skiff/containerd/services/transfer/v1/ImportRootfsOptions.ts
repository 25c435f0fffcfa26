// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from '../../../../../skiff/types/v1/Platform';

export interface ImportRootfsOptions {
  /**
   * The image's name ("" for an unnamed image, referred to by its digest).
   */
  'reference'?: (string);
  /**
   * An OCI image config's "config" object as JSON (Cmd, Env, Entrypoint, WorkingDir, User,
   * ExposedPorts, Labels...), applied as `docker import --change` would.
   */
  'config'?: (Buffer | Uint8Array | string);
  /**
   * Recorded in the image's history.
   */
  'message'?: (string);
  'platform'?: (_skiff_types_v1_Platform | null);
}

export interface ImportRootfsOptions__Output {
  /**
   * The image's name ("" for an unnamed image, referred to by its digest).
   */
  'reference': (string);
  /**
   * An OCI image config's "config" object as JSON (Cmd, Env, Entrypoint, WorkingDir, User,
   * ExposedPorts, Labels...), applied as `docker import --change` would.
   */
  'config': (Buffer);
  /**
   * Recorded in the image's history.
   */
  'message': (string);
  'platform': (_skiff_types_v1_Platform__Output | null);
}
