// Original file: skiff/events/v1/image.proto


/**
 * Topic "/images/create".
 */
export interface ImageCreate {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
}

/**
 * Topic "/images/create".
 */
export interface ImageCreate__Output {
  'name': (string);
  'labels': ({[key: string]: string});
}
