// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto


export interface CommitSnapshotResponse {
}

export interface CommitSnapshotResponse__Output {
}
