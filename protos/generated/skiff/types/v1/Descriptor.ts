// Original file: skiff/types/v1/descriptor.proto

import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from '../../../skiff/types/v1/Platform';
import type { Long } from '@grpc/proto-loader';

/**
 * Descriptor points at one blob of the content store, as an OCI content descriptor does: an
 * image's target, a manifest's layers, an index's manifests.
 */
export interface Descriptor {
  'mediaType'?: (string);
  /**
   * "<algorithm>:<hex>", e.g. "sha256:" followed by 64 lowercase hex digits.
   */
  'digest'?: (string);
  /**
   * Size of the blob in bytes.
   */
  'size'?: (number | string | Long);
  'annotations'?: ({[key: string]: string});
  /**
   * Other places the blob may be fetched from (foreign layers).
   */
  'urls'?: (string)[];
  /**
   * Set on the entries of an image index (manifest list): which platform the manifest is for.
   */
  'platform'?: (_skiff_types_v1_Platform | null);
  'artifactType'?: (string);
}

/**
 * Descriptor points at one blob of the content store, as an OCI content descriptor does: an
 * image's target, a manifest's layers, an index's manifests.
 */
export interface Descriptor__Output {
  'mediaType': (string);
  /**
   * "<algorithm>:<hex>", e.g. "sha256:" followed by 64 lowercase hex digits.
   */
  'digest': (string);
  /**
   * Size of the blob in bytes.
   */
  'size': (string);
  'annotations': ({[key: string]: string});
  /**
   * Other places the blob may be fetched from (foreign layers).
   */
  'urls': (string)[];
  /**
   * Set on the entries of an image index (manifest list): which platform the manifest is for.
   */
  'platform': (_skiff_types_v1_Platform__Output | null);
  'artifactType': (string);
}
