// Original file: skiff/events/v1/image.proto


/**
 * Topic "/images/update": the name now points at another target, or its labels changed.
 */
export interface ImageUpdate {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
}

/**
 * Topic "/images/update": the name now points at another target, or its labels changed.
 */
export interface ImageUpdate__Output {
  'name': (string);
  'labels': ({[key: string]: string});
}
