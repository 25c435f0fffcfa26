// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface KillResponse {
}

export interface KillResponse__Output {
}
