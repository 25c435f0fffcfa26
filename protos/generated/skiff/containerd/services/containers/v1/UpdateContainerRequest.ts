// Original file: skiff/containerd/services/containers/v1/containers.proto

import type { Container as _skiff_containerd_services_containers_v1_Container, Container__Output as _skiff_containerd_services_containers_v1_Container__Output } from '../../../../../skiff/containerd/services/containers/v1/Container';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from '../../../../../google/protobuf/FieldMask';

export interface UpdateContainerRequest {
  /**
   * Found by container.id.
   */
  'container'?: (_skiff_containerd_services_containers_v1_Container | null);
  /**
   * Which fields to replace: "labels", "labels.KEY", "image", "runtime", "spec", "snapshotter",
   * "snapshot_key", "extensions", "extensions.KEY". Empty replaces every mutable field. id and
   * the timestamps cannot be changed.
   */
  'updateMask'?: (_google_protobuf_FieldMask | null);
}

export interface UpdateContainerRequest__Output {
  /**
   * Found by container.id.
   */
  'container': (_skiff_containerd_services_containers_v1_Container__Output | null);
  /**
   * Which fields to replace: "labels", "labels.KEY", "image", "runtime", "spec", "snapshotter",
   * "snapshot_key", "extensions", "extensions.KEY". Empty replaces every mutable field. id and
   * the timestamps cannot be changed.
   */
  'updateMask': (_google_protobuf_FieldMask__Output | null);
}
