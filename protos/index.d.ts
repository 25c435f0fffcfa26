import type { GrpcObject } from '@grpc/grpc-js';
import type { Options, PackageDefinition } from '@grpc/proto-loader';

/** Absolute path of this package: the include directory of every import ("skiff/types/v1/..."). */
export declare const protoRoot: string;

/** Options every Skiff component loads protos with (the ones generated/ was produced with). */
export declare const loaderOptions: Readonly<Options>;

/** Every .proto of the package, relative to protoRoot, sorted. */
export declare function protoFiles(): string[];

/** Loads protos (relative to protoRoot or absolute; default: all) with loaderOptions. */
export declare function loadPackageDefinition(files?: string | readonly string[], extra?: Options): PackageDefinition;

/**
 * loadPackageDefinition followed by grpc-js's loadPackageDefinition. Pass the file's
 * ProtoGrpcType from generated/ as T, e.g.
 * `loadGrpcObject<ShimProto>('skiff/shim/v1/shim.proto').skiff.shim.v1.Task`.
 */
export declare function loadGrpcObject<T = GrpcObject>(files?: string | readonly string[], extra?: Options): T;

/**
 * Every service of the package, once per process (later calls return the same object), built
 * from the protos as parsed ahead of time (generated/descriptors.json): much cheaper than
 * loadGrpcObject at start-up. Holds services only (client constructors with their `.service`
 * definitions, encoding and decoding as loadGrpcObject's), and clients have their methods under
 * the proto's names only. Pass the intersection of the files' ProtoGrpcTypes used as T.
 */
export declare function loadAllGrpcObject<T = GrpcObject>(): T;

/** The topic of each typed event, by its field name in skiff.events.v1.Envelope's oneof. */
export declare const topics: {
  readonly taskCreate: '/tasks/create';
  readonly taskStart: '/tasks/start';
  readonly taskExit: '/tasks/exit';
  readonly taskDelete: '/tasks/delete';
  readonly taskOom: '/tasks/oom';
  readonly taskExecAdded: '/tasks/exec-added';
  readonly taskExecStarted: '/tasks/exec-started';
  readonly taskPaused: '/tasks/paused';
  readonly taskResumed: '/tasks/resumed';
  readonly containerCreate: '/containers/create';
  readonly containerUpdate: '/containers/update';
  readonly containerDelete: '/containers/delete';
  readonly imageCreate: '/images/create';
  readonly imageUpdate: '/images/update';
  readonly imageDelete: '/images/delete';
};
export type EventName = keyof typeof topics;
export type Topic = (typeof topics)[EventName];

/** gRPC metadata key naming the namespace of a call to skiff-containerd. */
export declare const NAMESPACE_METADATA_KEY: 'skiff-namespace';
/** The namespace used when a call names none. */
export declare const DEFAULT_NAMESPACE: 'default';
