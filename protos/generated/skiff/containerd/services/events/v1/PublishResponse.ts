// Original file: skiff/containerd/services/events/v1/events.proto


export interface PublishResponse {
}

export interface PublishResponse__Output {
}
