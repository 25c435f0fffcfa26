// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface ResizePtyResponse {
}

export interface ResizePtyResponse__Output {
}
