/**
 * The Docker Engine API bodies as zod schemas, with their types derived from them, so a server
 * and a client of the API agree on one definition. Objects are loose: Docker adds fields in every
 * API version, and a client must keep what it does not know rather than fail on it.
 */
export * from './containers';
export * from './images';
export * from './system';
export * from './exec';
export * from './streams';
export * from './objects';
export * from './host-config';
export * from './networks';
export * from './platform';
