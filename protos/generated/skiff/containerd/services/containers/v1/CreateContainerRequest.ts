// Original file: skiff/containerd/services/containers/v1/containers.proto

import type { Container as _skiff_containerd_services_containers_v1_Container, Container__Output as _skiff_containerd_services_containers_v1_Container__Output } from '../../../../../skiff/containerd/services/containers/v1/Container';

export interface CreateContainerRequest {
  /**
   * created_at and updated_at are ignored (containerd sets them).
   */
  'container'?: (_skiff_containerd_services_containers_v1_Container | null);
}

export interface CreateContainerRequest__Output {
  /**
   * created_at and updated_at are ignored (containerd sets them).
   */
  'container': (_skiff_containerd_services_containers_v1_Container__Output | null);
}
