'use strict';
// @skiff/protos: where the .proto files are and how to load them, so every component decodes
// messages the same way (and the way the types in generated/ describe). Plain JS, no build step.
const fs = require('node:fs');
const path = require('node:path');

/** Absolute path of this package: the include directory of every import ("skiff/types/v1/..."). */
const protoRoot = __dirname;

/**
 * Options every Skiff component loads protos with. generated/ was produced with the same choices
 * (scripts/generate.mjs): camelCase field names, 64-bit integers as decimal strings, enums as
 * their names, unset fields filled with their defaults, and a virtual field naming the member
 * set in each oneof (envelope.event === 'taskExit').
 */
const loaderOptions = Object.freeze({
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: Object.freeze([protoRoot]),
});

/** Every .proto of the package, relative to protoRoot, sorted ("skiff/shim/v1/shim.proto", ...). */
function protoFiles() {
  return fs
    .readdirSync(path.join(protoRoot, 'skiff'), { recursive: true })
    .filter((f) => f.endsWith('.proto'))
    .map((f) => path.posix.join('skiff', f.split(path.sep).join('/')))
    .sort();
}

/**
 * Loads protos (paths relative to protoRoot, or absolute; default: all of them) into a
 * proto-loader package definition, with loaderOptions. `extra` may add options but should not
 * be needed.
 */
function loadPackageDefinition(files = protoFiles(), extra = {}) {
  const list = typeof files === 'string' ? [files] : [...files];
  const includeDirs = [protoRoot, ...(extra.includeDirs ?? [])];
  // Required here, not at the top: the components load the precompiled descriptors instead
  // (loadAllGrpcObject), and proto-loader's own load cost ~20 ms of each one's start-up.
  return require('@grpc/proto-loader').loadSync(list, { ...loaderOptions, ...extra, includeDirs });
}

/**
 * loadPackageDefinition, then grpc-js's loadPackageDefinition: service constructors and
 * definitions by full name. Cast the result to the file's ProtoGrpcType from generated/.
 */
function loadGrpcObject(files, extra) {
  const grpc = require('@grpc/grpc-js');
  return grpc.loadPackageDefinition(loadPackageDefinition(files, extra));
}

/**
 * A grpc-js method definition as proto-loader makes one, less the descriptor reflection
 * (requestType/responseType) that calls never use and that costs most of a load.
 */
function methodDefinition(service, method) {
  const req = method.resolvedRequestType;
  const res = method.resolvedResponseType;
  const serializer = (type) => (value) => {
    if (Array.isArray(value)) throw new Error(`Failed to serialize message: expected object with ${type.name} structure, got array instead`);
    return type.encode(type.fromObject(value)).finish();
  };
  const deserializer = (type) => (bytes) => type.toObject(type.decode(bytes), loaderOptions);
  return {
    path: `/${service.fullName.slice(1)}/${method.name}`,
    requestStream: !!method.requestStream,
    responseStream: !!method.responseStream,
    requestSerialize: serializer(req),
    requestDeserialize: deserializer(req),
    responseSerialize: serializer(res),
    responseDeserialize: deserializer(res),
  };
}

let allGrpcObject;
/**
 * Every service of the package as a grpc-js object (client constructors with their `.service`
 * definitions), built once per process from generated/descriptors.json, the protos parsed
 * ahead of time by scripts/generate.mjs: tokenizing and parsing the .proto text and building
 * proto-loader's descriptors took ~100 ms of every component's start-up, on its critical path.
 * Unlike loadGrpcObject, it holds services only (no message type entries), and clients have
 * their methods under the proto's names only. Cast the result to the intersection of the files'
 * ProtoGrpcTypes it uses.
 */
function loadAllGrpcObject() {
  if (!allGrpcObject) {
    const protobuf = require('protobufjs');
    const root = protobuf.Root.fromJSON(require('./generated/descriptors.json'));
    root.resolveAll();
    const definition = {};
    const collect = (namespace) => {
      for (const child of namespace.nestedArray) {
        if (child instanceof protobuf.Service) {
          definition[child.fullName.slice(1)] = Object.fromEntries(child.methodsArray.map((m) => [m.name, methodDefinition(child, m)]));
        } else if (child.nestedArray) {
          collect(child);
        }
      }
    };
    collect(root);
    allGrpcObject = require('@grpc/grpc-js').loadPackageDefinition(definition);
  }
  return allGrpcObject;
}

/**
 * The topic of each typed event, by the name of its field in skiff.events.v1.Envelope's
 * `event` oneof (as the oneof's virtual field reports it). docs/shim-api.md gives their order.
 */
const topics = Object.freeze({
  taskCreate: '/tasks/create',
  taskStart: '/tasks/start',
  taskExit: '/tasks/exit',
  taskDelete: '/tasks/delete',
  taskOom: '/tasks/oom',
  taskExecAdded: '/tasks/exec-added',
  taskExecStarted: '/tasks/exec-started',
  taskPaused: '/tasks/paused',
  taskResumed: '/tasks/resumed',
  containerCreate: '/containers/create',
  containerUpdate: '/containers/update',
  containerDelete: '/containers/delete',
  imageCreate: '/images/create',
  imageUpdate: '/images/update',
  imageDelete: '/images/delete',
});

/** gRPC metadata key naming the namespace of a call to skiff-containerd. */
const NAMESPACE_METADATA_KEY = 'skiff-namespace';
/** The namespace used when a call names none. */
const DEFAULT_NAMESPACE = 'default';

module.exports = {
  protoRoot,
  loaderOptions,
  protoFiles,
  loadPackageDefinition,
  loadGrpcObject,
  loadAllGrpcObject,
  topics,
  NAMESPACE_METADATA_KEY,
  DEFAULT_NAMESPACE,
};
