// Original file: skiff/containerd/services/transfer/v1/transfer.proto


/**
 * Credentials for a registry, as a client (Docker's X-Registry-Auth) passes them. Empty fields are
 * absent. They are used for this call only and never stored.
 */
export interface RegistryAuth {
  'username'?: (string);
  'password'?: (string);
  /**
   * An OAuth2 refresh token exchanged at the token realm.
   */
  'identityToken'?: (string);
  /**
   * A bearer token sent as is.
   */
  'registryToken'?: (string);
  'serverAddress'?: (string);
}

/**
 * Credentials for a registry, as a client (Docker's X-Registry-Auth) passes them. Empty fields are
 * absent. They are used for this call only and never stored.
 */
export interface RegistryAuth__Output {
  'username': (string);
  'password': (string);
  /**
   * An OAuth2 refresh token exchanged at the token realm.
   */
  'identityToken': (string);
  /**
   * A bearer token sent as is.
   */
  'registryToken': (string);
  'serverAddress': (string);
}
