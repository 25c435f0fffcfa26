// Original file: skiff/shim/v1/shim.proto


export interface KillResponse {
}

export interface KillResponse__Output {
}
