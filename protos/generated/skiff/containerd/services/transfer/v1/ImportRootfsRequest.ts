// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { ImportRootfsOptions as _skiff_containerd_services_transfer_v1_ImportRootfsOptions, ImportRootfsOptions__Output as _skiff_containerd_services_transfer_v1_ImportRootfsOptions__Output } from '../../../../../skiff/containerd/services/transfer/v1/ImportRootfsOptions';

export interface ImportRootfsRequest {
  'options'?: (_skiff_containerd_services_transfer_v1_ImportRootfsOptions | null);
  'data'?: (Buffer | Uint8Array | string);
  'part'?: "options"|"data";
}

export interface ImportRootfsRequest__Output {
  'options'?: (_skiff_containerd_services_transfer_v1_ImportRootfsOptions__Output | null);
  'data'?: (Buffer);
  'part'?: "options"|"data";
}
