// Original file: skiff/containerd/services/containers/v1/containers.proto

import type { Runtime as _skiff_containerd_services_containers_v1_Runtime, Runtime__Output as _skiff_containerd_services_containers_v1_Runtime__Output } from '../../../../../skiff/containerd/services/containers/v1/Runtime';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../../../google/protobuf/Timestamp';
import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from '../../../../../google/protobuf/Any';

export interface Container {
  /**
   * Unique in its namespace; immutable.
   */
  'id'?: (string);
  /**
   * Free-form labels, filterable ("labels.KEY==VALUE").
   */
  'labels'?: ({[key: string]: string});
  /**
   * The image reference the container was made from (informative; the rootfs is the snapshot).
   */
  'image'?: (string);
  /**
   * The runtime chosen for the container's tasks.
   */
  'runtime'?: (_skiff_containerd_services_containers_v1_Runtime | null);
  /**
   * The OCI runtime spec (config.json) as JSON.
   */
  'spec'?: (Buffer | Uint8Array | string);
  /**
   * Which snapshotter holds the root filesystem ("" for the default) and its key there.
   */
  'snapshotter'?: (string);
  'snapshotKey'?: (string);
  /**
   * Set by containerd.
   */
  'createdAt'?: (_google_protobuf_Timestamp | null);
  'updatedAt'?: (_google_protobuf_Timestamp | null);
  /**
   * Data other components attach to the record, by name. containerd stores them untouched.
   */
  'extensions'?: ({[key: string]: _google_protobuf_Any});
}

export interface Container__Output {
  /**
   * Unique in its namespace; immutable.
   */
  'id': (string);
  /**
   * Free-form labels, filterable ("labels.KEY==VALUE").
   */
  'labels': ({[key: string]: string});
  /**
   * The image reference the container was made from (informative; the rootfs is the snapshot).
   */
  'image': (string);
  /**
   * The runtime chosen for the container's tasks.
   */
  'runtime': (_skiff_containerd_services_containers_v1_Runtime__Output | null);
  /**
   * The OCI runtime spec (config.json) as JSON.
   */
  'spec': (Buffer);
  /**
   * Which snapshotter holds the root filesystem ("" for the default) and its key there.
   */
  'snapshotter': (string);
  'snapshotKey': (string);
  /**
   * Set by containerd.
   */
  'createdAt': (_google_protobuf_Timestamp__Output | null);
  'updatedAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * Data other components attach to the record, by name. containerd stores them untouched.
   */
  'extensions': ({[key: string]: _google_protobuf_Any__Output});
}
