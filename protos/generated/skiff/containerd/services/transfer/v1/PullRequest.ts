// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from '../../../../../skiff/types/v1/Platform';
import type { RegistryAuth as _skiff_containerd_services_transfer_v1_RegistryAuth, RegistryAuth__Output as _skiff_containerd_services_transfer_v1_RegistryAuth__Output } from '../../../../../skiff/containerd/services/transfer/v1/RegistryAuth';

export interface PullRequest {
  /**
   * A reference as `docker pull` takes it ("busybox", "localhost:5000/a/b:tag", "x@sha256:...").
   */
  'reference'?: (string);
  /**
   * Which manifest of a multi-platform image; unset means the host's (linux/amd64 here).
   */
  'platform'?: (_skiff_types_v1_Platform | null);
  'auth'?: (_skiff_containerd_services_transfer_v1_RegistryAuth | null);
  /**
   * Unpack the layers into the snapshotter as well (what a pull for `docker run` wants).
   */
  'unpack'?: (boolean);
  /**
   * "" for the default snapshotter.
   */
  'snapshotter'?: (string);
}

export interface PullRequest__Output {
  /**
   * A reference as `docker pull` takes it ("busybox", "localhost:5000/a/b:tag", "x@sha256:...").
   */
  'reference': (string);
  /**
   * Which manifest of a multi-platform image; unset means the host's (linux/amd64 here).
   */
  'platform': (_skiff_types_v1_Platform__Output | null);
  'auth': (_skiff_containerd_services_transfer_v1_RegistryAuth__Output | null);
  /**
   * Unpack the layers into the snapshotter as well (what a pull for `docker run` wants).
   */
  'unpack': (boolean);
  /**
   * "" for the default snapshotter.
   */
  'snapshotter': (string);
}
