// Original file: skiff/shim/v1/shim.proto


export interface UpdateTaskResponse {
}

export interface UpdateTaskResponse__Output {
}
