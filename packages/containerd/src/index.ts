// skiff-containerd as a library: the cores its gRPC services adapt, for tests and embedding.
export { version } from './version';
