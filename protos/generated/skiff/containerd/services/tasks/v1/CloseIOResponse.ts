// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface CloseIOResponse {
}

export interface CloseIOResponse__Output {
}
