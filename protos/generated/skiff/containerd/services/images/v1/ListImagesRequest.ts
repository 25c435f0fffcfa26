// Original file: skiff/containerd/services/images/v1/images.proto


export interface ListImagesRequest {
  /**
   * Filters as described in protos/README.md ("name~=^docker.io/", "labels.KEY==VALUE").
   */
  'filters'?: (string)[];
}

export interface ListImagesRequest__Output {
  /**
   * Filters as described in protos/README.md ("name~=^docker.io/", "labels.KEY==VALUE").
   */
  'filters': (string)[];
}
