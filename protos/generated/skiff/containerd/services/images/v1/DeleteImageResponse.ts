// Original file: skiff/containerd/services/images/v1/images.proto


export interface DeleteImageResponse {
}

export interface DeleteImageResponse__Output {
}
