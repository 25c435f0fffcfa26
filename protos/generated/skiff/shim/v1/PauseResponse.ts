// Original file: skiff/shim/v1/shim.proto


export interface PauseResponse {
}

export interface PauseResponse__Output {
}
