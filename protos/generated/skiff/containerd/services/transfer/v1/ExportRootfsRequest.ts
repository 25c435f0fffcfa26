// Original file: skiff/containerd/services/transfer/v1/transfer.proto


export interface ExportRootfsRequest {
  'containerId'?: (string);
}

export interface ExportRootfsRequest__Output {
  'containerId': (string);
}
