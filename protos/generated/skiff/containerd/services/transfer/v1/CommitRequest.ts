// Original file: skiff/containerd/services/transfer/v1/transfer.proto


export interface CommitRequest {
  'containerId'?: (string);
  /**
   * The new image's name ("" for an unnamed image).
   */
  'reference'?: (string);
  /**
   * Replaces fields of the image config's "config" object, as JSON (as `docker commit --change`).
   */
  'config'?: (Buffer | Uint8Array | string);
  'author'?: (string);
  'comment'?: (string);
  /**
   * Freeze the container's task while its filesystem is read (Docker's default).
   */
  'pause'?: (boolean);
}

export interface CommitRequest__Output {
  'containerId': (string);
  /**
   * The new image's name ("" for an unnamed image).
   */
  'reference': (string);
  /**
   * Replaces fields of the image config's "config" object, as JSON (as `docker commit --change`).
   */
  'config': (Buffer);
  'author': (string);
  'comment': (string);
  /**
   * Freeze the container's task while its filesystem is read (Docker's default).
   */
  'pause': (boolean);
}
