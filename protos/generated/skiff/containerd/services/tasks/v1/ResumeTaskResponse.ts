// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface ResumeTaskResponse {
}

export interface ResumeTaskResponse__Output {
}
