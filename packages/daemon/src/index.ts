// @skiff/daemon's library surface: the server and its parts, for embedding and tests.
export { buildApp } from './http/app';
export { API_VERSION, MIN_API_VERSION } from './http/api-version';
export type { ApiDeps } from './http/deps';
export { ContainerService } from './core/containers';
export type { ContainerdPort, ImageRecord, NewContainer, NewTask, TaskExit, TaskState } from './core/ports';
export { GrpcContainerd } from './containerd/grpc-port';
export { startDaemon, type RunningDaemon } from './server';
export { type Config, resolveConfig, readConfigFile } from './config';
export { version } from './version';
