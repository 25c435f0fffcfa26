// Original file: skiff/types/v1/platform.proto


/**
 * Platform names an operating system and CPU an image is built for, with the OCI image spec's
 * field meanings ("linux", "amd64", "v8"...).
 */
export interface Platform {
  'os'?: (string);
  'architecture'?: (string);
  /**
   * CPU variant, e.g. "v7" for arm/v7; "" when the architecture has none.
   */
  'variant'?: (string);
  'osVersion'?: (string);
  'osFeatures'?: (string)[];
}

/**
 * Platform names an operating system and CPU an image is built for, with the OCI image spec's
 * field meanings ("linux", "amd64", "v8"...).
 */
export interface Platform__Output {
  'os': (string);
  'architecture': (string);
  /**
   * CPU variant, e.g. "v7" for arm/v7; "" when the architecture has none.
   */
  'variant': (string);
  'osVersion': (string);
  'osFeatures': (string)[];
}
