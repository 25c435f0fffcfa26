// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from '../../../../../skiff/types/v1/Platform';

export interface ImportOptions {
  /**
   * Name given to an image the archive holds without a name (an OCI layout entry without a
   * ref annotation); "" leaves such images unnamed (listed by digest).
   */
  'defaultName'?: (string);
  /**
   * Unpack the imported images into the snapshotter.
   */
  'unpack'?: (boolean);
  'platform'?: (_skiff_types_v1_Platform | null);
}

export interface ImportOptions__Output {
  /**
   * Name given to an image the archive holds without a name (an OCI layout entry without a
   * ref annotation); "" leaves such images unnamed (listed by digest).
   */
  'defaultName': (string);
  /**
   * Unpack the imported images into the snapshotter.
   */
  'unpack': (boolean);
  'platform': (_skiff_types_v1_Platform__Output | null);
}
