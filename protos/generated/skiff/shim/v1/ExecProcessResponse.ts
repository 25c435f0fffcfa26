// Original file: skiff/shim/v1/shim.proto


export interface ExecProcessResponse {
}

export interface ExecProcessResponse__Output {
}
