// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from '../../../../../skiff/types/v1/Platform';

export interface ExportRequest {
  /**
   * Image names (or digests) to put in the archive, with their names as tags.
   */
  'names'?: (string)[];
  /**
   * "docker-archive" (default) or "oci".
   */
  'format'?: (string);
  /**
   * Only this platform's manifests; unset exports what each image holds for the host platform.
   */
  'platform'?: (_skiff_types_v1_Platform | null);
}

export interface ExportRequest__Output {
  /**
   * Image names (or digests) to put in the archive, with their names as tags.
   */
  'names': (string)[];
  /**
   * "docker-archive" (default) or "oci".
   */
  'format': (string);
  /**
   * Only this platform's manifests; unset exports what each image holds for the host platform.
   */
  'platform': (_skiff_types_v1_Platform__Output | null);
}
