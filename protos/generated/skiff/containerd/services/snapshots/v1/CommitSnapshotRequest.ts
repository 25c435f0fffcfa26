// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto


export interface CommitSnapshotRequest {
  'snapshotter'?: (string);
  /**
   * Name of the committed snapshot to create.
   */
  'name'?: (string);
  /**
   * Key of the active snapshot to commit.
   */
  'key'?: (string);
  'labels'?: ({[key: string]: string});
}

export interface CommitSnapshotRequest__Output {
  'snapshotter': (string);
  /**
   * Name of the committed snapshot to create.
   */
  'name': (string);
  /**
   * Key of the active snapshot to commit.
   */
  'key': (string);
  'labels': ({[key: string]: string});
}
