// Original file: skiff/shim/v1/shim.proto


export interface ResumeResponse {
}

export interface ResumeResponse__Output {
}
