#!/usr/bin/env node
// skiff-containerd from the built package with the images, content, snapshots and transfer
// (registry half) gRPC plugins added, for a checkout whose builtin plugins do not serve them yet.
// Same flags as bin/skiff-containerd's --root/--state/--address/--config; stops on SIGTERM/SIGINT.
//
//   node bench/pull/serve-containerd.mjs --config FILE --root DIR --state DIR --address SOCKET
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../packages/containerd/dist');
const require = createRequire(import.meta.url);

const flags = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) flags[argv[i].replace(/^--/, '')] = argv[i + 1];

const { startContainerd } = require(path.join(dist, 'server.js'));
const { readConfigFile, resolveConfig } = require(path.join(dist, 'config.js'));
const { imagesGrpcPlugin } = require(path.join(dist, 'grpc/images-service.js'));
const { contentGrpcPlugin } = require(path.join(dist, 'grpc/content-service.js'));
const { snapshotsGrpcPlugin } = require(path.join(dist, 'grpc/snapshots-service.js'));
const { transferRegistryPlugin } = require(path.join(dist, 'grpc/transfer-registry.js'));

const config = resolveConfig(flags.config ? readConfigFile(flags.config) : {}, {
  ...(flags.root ? { root: flags.root } : {}),
  ...(flags.state ? { state: flags.state } : {}),
  ...(flags.address ? { address: flags.address } : {}),
});
const containerd = await startContainerd(config, { plugins: [imagesGrpcPlugin, contentGrpcPlugin, snapshotsGrpcPlugin, transferRegistryPlugin] });
const stop = () => containerd.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
