// Original file: skiff/events/v1/container.proto


/**
 * Topic "/containers/delete".
 */
export interface ContainerDelete {
  'id'?: (string);
}

/**
 * Topic "/containers/delete".
 */
export interface ContainerDelete__Output {
  'id': (string);
}
