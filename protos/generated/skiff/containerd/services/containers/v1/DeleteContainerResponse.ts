// Original file: skiff/containerd/services/containers/v1/containers.proto


export interface DeleteContainerResponse {
}

export interface DeleteContainerResponse__Output {
}
