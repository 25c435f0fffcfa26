// Original file: skiff/shim/v1/shim.proto


export interface ResizePtyResponse {
}

export interface ResizePtyResponse__Output {
}
