// Original file: skiff/containerd/services/events/v1/events.proto


export interface ForwardResponse {
}

export interface ForwardResponse__Output {
}
