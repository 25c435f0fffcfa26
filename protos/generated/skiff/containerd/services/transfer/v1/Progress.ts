// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { Image as _skiff_containerd_services_images_v1_Image, Image__Output as _skiff_containerd_services_images_v1_Image__Output } from '../../../../../skiff/containerd/services/images/v1/Image';
import type { Long } from '@grpc/proto-loader';

/**
 * One step of a transfer, worded as Docker's JSON progress messages so skiffd can relay them
 * ("Pulling fs layer", "Waiting", "Downloading", "Verifying Checksum", "Download complete",
 * "Extracting", "Pull complete", "Already exists", "Preparing", "Pushing", "Pushed",
 * "Layer already exists", "Mounted from x", "Loading layer", "Digest: ...", "Status: ...").
 */
export interface Progress {
  /**
   * What the step is about: a layer's short id (12 hex digits of its digest), or "".
   */
  'id'?: (string);
  'status'?: (string);
  /**
   * Bytes done and expected; total 0 when unknown or not a byte count.
   */
  'current'?: (number | string | Long);
  'total'?: (number | string | Long);
  /**
   * Set on the last message of a Pull, and on each image an Import loaded.
   */
  'image'?: (_skiff_containerd_services_images_v1_Image | null);
}

/**
 * One step of a transfer, worded as Docker's JSON progress messages so skiffd can relay them
 * ("Pulling fs layer", "Waiting", "Downloading", "Verifying Checksum", "Download complete",
 * "Extracting", "Pull complete", "Already exists", "Preparing", "Pushing", "Pushed",
 * "Layer already exists", "Mounted from x", "Loading layer", "Digest: ...", "Status: ...").
 */
export interface Progress__Output {
  /**
   * What the step is about: a layer's short id (12 hex digits of its digest), or "".
   */
  'id': (string);
  'status': (string);
  /**
   * Bytes done and expected; total 0 when unknown or not a byte count.
   */
  'current': (string);
  'total': (string);
  /**
   * Set on the last message of a Pull, and on each image an Import loaded.
   */
  'image': (_skiff_containerd_services_images_v1_Image__Output | null);
}
