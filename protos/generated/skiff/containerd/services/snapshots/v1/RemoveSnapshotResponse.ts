// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto


export interface RemoveSnapshotResponse {
}

export interface RemoveSnapshotResponse__Output {
}
