// Original file: skiff/events/v1/container.proto


/**
 * Topic "/containers/create".
 */
export interface ContainerCreate {
  'id'?: (string);
  'image'?: (string);
  /**
   * The container's runtime name (Container.runtime.name).
   */
  'runtime'?: (string);
}

/**
 * Topic "/containers/create".
 */
export interface ContainerCreate__Output {
  'id': (string);
  'image': (string);
  /**
   * The container's runtime name (Container.runtime.name).
   */
  'runtime': (string);
}
