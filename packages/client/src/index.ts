export { EngineClient, MAX_API_VERSION, type ClientOptions } from './sdk/client';
export { DaemonError } from './sdk/errors';
export { DEFAULT_HOST, parseHost, resolveEndpoint, type Endpoint, type HostFlags } from './sdk/host';
export { FrameDecoder, demultiplex, frame, type StreamId } from './sdk/stdcopy';
export { jsonLines } from './sdk/json-lines';
export { renderTemplate } from './cli/template';
export { configDir, type CredentialStore, eraseCredentials, registryAuthHeader, registryOf, storeCredentials } from './sdk/auth';
export { CredentialHelperError } from './sdk/credential-helpers';
