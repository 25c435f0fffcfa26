// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface PauseTaskResponse {
}

export interface PauseTaskResponse__Output {
}
