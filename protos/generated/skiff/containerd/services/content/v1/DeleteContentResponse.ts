// Original file: skiff/containerd/services/content/v1/content.proto


export interface DeleteContentResponse {
}

export interface DeleteContentResponse__Output {
}
