// Original file: skiff/containerd/services/transfer/v1/transfer.proto


export interface UnpackResponse {
  /**
   * The key of the committed snapshot that holds every layer (the image's chain id).
   */
  'chainId'?: (string);
}

export interface UnpackResponse__Output {
  /**
   * The key of the committed snapshot that holds every layer (the image's chain id).
   */
  'chainId': (string);
}
