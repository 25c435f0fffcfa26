// Original file: skiff/shim/v1/shim.proto


export interface CloseIOResponse {
}

export interface CloseIOResponse__Output {
}
