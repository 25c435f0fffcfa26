// Original file: skiff/containerd/services/version/v1/version.proto


export interface VersionResponse {
  /**
   * Semantic version of skiff-containerd, e.g. "0.1.0".
   */
  'version'?: (string);
  /**
   * The source revision it was built from (a git commit), or "" when unknown.
   */
  'revision'?: (string);
}

export interface VersionResponse__Output {
  /**
   * Semantic version of skiff-containerd, e.g. "0.1.0".
   */
  'version': (string);
  /**
   * The source revision it was built from (a git commit), or "" when unknown.
   */
  'revision': (string);
}
