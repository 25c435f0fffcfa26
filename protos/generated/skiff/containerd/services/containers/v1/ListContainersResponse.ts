// Original file: skiff/containerd/services/containers/v1/containers.proto

import type { Container as _skiff_containerd_services_containers_v1_Container, Container__Output as _skiff_containerd_services_containers_v1_Container__Output } from '../../../../../skiff/containerd/services/containers/v1/Container';

export interface ListContainersResponse {
  'containers'?: (_skiff_containerd_services_containers_v1_Container)[];
}

export interface ListContainersResponse__Output {
  'containers': (_skiff_containerd_services_containers_v1_Container__Output)[];
}
