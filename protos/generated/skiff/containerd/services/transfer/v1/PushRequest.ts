// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { RegistryAuth as _skiff_containerd_services_transfer_v1_RegistryAuth, RegistryAuth__Output as _skiff_containerd_services_transfer_v1_RegistryAuth__Output } from '../../../../../skiff/containerd/services/transfer/v1/RegistryAuth';
import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from '../../../../../skiff/types/v1/Platform';

export interface PushRequest {
  /**
   * The image's name in the images service, and where to push it (a reference with a registry).
   */
  'name'?: (string);
  /**
   * "" pushes to `name` itself.
   */
  'targetReference'?: (string);
  'auth'?: (_skiff_containerd_services_transfer_v1_RegistryAuth | null);
  /**
   * Push only this platform's manifest of an index; unset pushes everything the image holds.
   */
  'platform'?: (_skiff_types_v1_Platform | null);
}

export interface PushRequest__Output {
  /**
   * The image's name in the images service, and where to push it (a reference with a registry).
   */
  'name': (string);
  /**
   * "" pushes to `name` itself.
   */
  'targetReference': (string);
  'auth': (_skiff_containerd_services_transfer_v1_RegistryAuth__Output | null);
  /**
   * Push only this platform's manifest of an index; unset pushes everything the image holds.
   */
  'platform': (_skiff_types_v1_Platform__Output | null);
}
