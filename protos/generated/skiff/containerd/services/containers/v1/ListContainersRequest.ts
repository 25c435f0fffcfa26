// Original file: skiff/containerd/services/containers/v1/containers.proto


export interface ListContainersRequest {
  /**
   * Filters as described in protos/README.md ("labels.app==web", "image~=^busybox"...). A
   * container is listed when any filter matches; none lists all.
   */
  'filters'?: (string)[];
}

export interface ListContainersRequest__Output {
  /**
   * Filters as described in protos/README.md ("labels.app==web", "image~=^busybox"...). A
   * container is listed when any filter matches; none lists all.
   */
  'filters': (string)[];
}
