// Original file: skiff/shim/v1/shim.proto


export interface ShutdownResponse {
}

export interface ShutdownResponse__Output {
}
