// Original file: skiff/containerd/services/images/v1/images.proto


export interface DeleteImageRequest {
  'name'?: (string);
  /**
   * Return only once the content the image alone held has been garbage-collected.
   */
  'sync'?: (boolean);
}

export interface DeleteImageRequest__Output {
  'name': (string);
  /**
   * Return only once the content the image alone held has been garbage-collected.
   */
  'sync': (boolean);
}
