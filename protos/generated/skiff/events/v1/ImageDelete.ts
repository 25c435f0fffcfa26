// Original file: skiff/events/v1/image.proto


/**
 * Topic "/images/delete".
 */
export interface ImageDelete {
  'name'?: (string);
}

/**
 * Topic "/images/delete".
 */
export interface ImageDelete__Output {
  'name': (string);
}
