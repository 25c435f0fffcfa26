// Original file: skiff/containerd/services/containers/v1/containers.proto

import type { Container as _skiff_containerd_services_containers_v1_Container, Container__Output as _skiff_containerd_services_containers_v1_Container__Output } from '../../../../../skiff/containerd/services/containers/v1/Container';

export interface UpdateContainerResponse {
  'container'?: (_skiff_containerd_services_containers_v1_Container | null);
}

export interface UpdateContainerResponse__Output {
  'container': (_skiff_containerd_services_containers_v1_Container__Output | null);
}
