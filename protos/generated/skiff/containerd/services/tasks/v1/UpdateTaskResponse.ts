// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface UpdateTaskResponse {
}

export interface UpdateTaskResponse__Output {
}
