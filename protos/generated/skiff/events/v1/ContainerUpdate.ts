// Original file: skiff/events/v1/container.proto


/**
 * Topic "/containers/update".
 */
export interface ContainerUpdate {
  'id'?: (string);
  'image'?: (string);
  'labels'?: ({[key: string]: string});
  'snapshotKey'?: (string);
}

/**
 * Topic "/containers/update".
 */
export interface ContainerUpdate__Output {
  'id': (string);
  'image': (string);
  'labels': ({[key: string]: string});
  'snapshotKey': (string);
}
