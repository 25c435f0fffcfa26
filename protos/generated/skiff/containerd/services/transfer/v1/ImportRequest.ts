// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { ImportOptions as _skiff_containerd_services_transfer_v1_ImportOptions, ImportOptions__Output as _skiff_containerd_services_transfer_v1_ImportOptions__Output } from '../../../../../skiff/containerd/services/transfer/v1/ImportOptions';

export interface ImportRequest {
  'options'?: (_skiff_containerd_services_transfer_v1_ImportOptions | null);
  'data'?: (Buffer | Uint8Array | string);
  'part'?: "options"|"data";
}

export interface ImportRequest__Output {
  'options'?: (_skiff_containerd_services_transfer_v1_ImportOptions__Output | null);
  'data'?: (Buffer);
  'part'?: "options"|"data";
}
