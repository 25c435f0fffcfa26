'use strict';
// @skiff/protos: where the .proto files are and how to load them, so every component decodes
// messages the same way (and the way the types in generated/ describe). Plain JS, no build step.
const fs = require('node:fs');
const path = require('node:path');
const protoLoader = require('@grpc/proto-loader');

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
  return protoLoader.loadSync(list, { ...loaderOptions, ...extra, includeDirs });
}

/**
 * loadPackageDefinition, then grpc-js's loadPackageDefinition: service constructors and
 * definitions by full name. Cast the result to the file's ProtoGrpcType from generated/.
 */
function loadGrpcObject(files, extra) {
  const grpc = require('@grpc/grpc-js');
  return grpc.loadPackageDefinition(loadPackageDefinition(files, extra));
}

let allGrpcObject;
/**
 * loadGrpcObject of every .proto of the package, loaded once per process: loading the files one
 * by one processes their shared imports (types, events, google.protobuf) again each time, and
 * costs about twice as much, which a component pays at start-up. Cast the result to the
 * intersection of the files' ProtoGrpcTypes it uses.
 */
function loadAllGrpcObject() {
  allGrpcObject ??= loadGrpcObject(protoFiles());
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
