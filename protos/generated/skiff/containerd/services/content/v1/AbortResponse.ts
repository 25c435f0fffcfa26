// Original file: skiff/containerd/services/content/v1/content.proto


export interface AbortResponse {
}

export interface AbortResponse__Output {
}
