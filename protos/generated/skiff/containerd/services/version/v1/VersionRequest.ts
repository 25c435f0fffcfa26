// Original file: skiff/containerd/services/version/v1/version.proto


export interface VersionRequest {
}

export interface VersionRequest__Output {
}
