// A registry image, end to end through the skiff-containerd binary's gRPC API: Transfer.Pull with
// credentials (a Basic-auth registry, and one behind a token realm), Transfer.Unpack for the chain
// id, Snapshots.Prepare over it, a container on that snapshot, its task's output from the log.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType as SnapshotsProto } from '@skiff/protos/generated/snapshots';
import type { ProtoGrpcType as TransferProto } from '@skiff/protos/generated/transfer';
import { canRunContainers, caller, ContainerdHarness } from '../helpers/containerd';
import { seed } from '../helpers/pull/env';
import { collect } from '../helpers/pull/grpc';
import { layeredImage } from '../helpers/pull/images';
import { localTrafficOnly } from '../helpers/registry/local-only';
import { type RegistryAuth, useRegistry } from '../helpers/registry/registry';
import { TOKEN_ISSUER, TOKEN_SERVICE, startTokenServer, type TokenServer } from '../helpers/registry/token-server';

localTrafficOnly();
const describeRoot = canRunContainers ? describe : describe.skip;
const credentials = { username: 'alice', password: 'wonderland' };

function logLines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { log: string }).log);
}

function mountsUnder(dir: string): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((mountPoint) => mountPoint.startsWith(`${dir}/`));
}

function pullAndRun(registryAuth: () => Promise<RegistryAuth>) {
  return () => {
    jest.setTimeout(120_000);
    const registry = useRegistry(registryAuth);
    const h = new ContainerdHarness();
    let transfer: grpc.Client;
    let snapshots: grpc.Client;
    beforeAll(async () => {
      h.spare(registry().pid);
      await h.start();
      const target = `unix://${h.address}`;
      const creds = grpc.credentials.createInsecure();
      transfer = new (loadGrpcObject<TransferProto>('skiff/containerd/services/transfer/v1/transfer.proto').skiff.containerd.services.transfer.v1.Transfer)(target, creds);
      snapshots = new (loadGrpcObject<SnapshotsProto>('skiff/containerd/services/snapshots/v1/snapshots.proto').skiff.containerd.services.snapshots.v1.Snapshots)(target, creds);
      // A two-layer busybox image: the binary and its sh link below, a file of the app above.
      const image = await layeredImage([{ 'bin/busybox': fs.readFileSync('/bin/busybox') }, { 'etc/motd': 'from the second layer\n' }], { cmd: ['/bin/busybox', 'cat', '/etc/motd'] });
      await seed(registry().host, 'team/app', 'v1', image, credentials);
    });
    afterAll(async () => {
      transfer?.close();
      snapshots?.close();
      await h.cleanup();
    });

    it('pulls with credentials, unpacks, runs a task on a snapshot of it, and unmounts it after', async () => {
      const reference = `${registry().host}/team/app:v1`;
      const meta = new grpc.Metadata();
      meta.set('skiff-namespace', 'default');
      await expect(collect((transfer as any).Pull({ reference, unpack: true }, meta))).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      const progress = await collect<any>((transfer as any).Pull({ reference, unpack: true, auth: credentials }, meta));
      expect(progress.map((p) => p.status)).toContain('Pull complete');
      const name = progress[progress.length - 1].image.name;

      const { chainId } = await caller(transfer)('Unpack', { name });
      expect(chainId).toMatch(/^sha256:[0-9a-f]{64}$/);
      const mounts = (await caller(snapshots)('Prepare', { snapshotter: 'overlayfs', key: 'app-rootfs', parent: chainId })).mounts;
      expect(mounts[0].type).toBe('overlay');

      const spec = JSON.parse(h.spec(['/bin/busybox', 'sh', '-c', 'cat /etc/motd; echo changed > /etc/motd']).toString());
      spec.root = { path: 'rootfs', readonly: false };
      const containers = caller(h.client('containers'));
      const tasks = caller(h.client('tasks'));
      await containers('Create', {
        container: { id: 'app', image: name, spec: Buffer.from(JSON.stringify(spec)), snapshotter: 'overlayfs', snapshotKey: 'app-rootfs', runtime: { name: 'builtin', options: h.runtimeOptions('app') } },
      });
      await tasks('Create', { containerId: 'app' });
      await tasks('Start', { containerId: 'app' });
      expect((await tasks('Wait', { containerId: 'app' })).exitStatus).toBe(0);
      expect(logLines(path.join(h.logs, 'app.log'))).toEqual(['from the second layer\n']);
      await tasks('Delete', { containerId: 'app' });
      await containers('Delete', { id: 'app' });
      expect(mountsUnder(h.dir)).toEqual([]);

      // The container wrote to its own snapshot; the image's layers are untouched.
      const again = (await caller(snapshots)('Prepare', { snapshotter: 'overlayfs', key: 'second', parent: chainId })).mounts[0];
      const lower = (again.options as string[]).find((o) => o.startsWith('lowerdir='))!.slice('lowerdir='.length).split(':');
      expect(lower.map((dir) => fs.existsSync(path.join(dir, 'etc/motd')) && fs.readFileSync(path.join(dir, 'etc/motd'), 'utf8'))).toContain('from the second layer\n');
      await caller(snapshots)('Remove', { snapshotter: 'overlayfs', key: 'second' });
      await caller(snapshots)('Remove', { snapshotter: 'overlayfs', key: 'app-rootfs' });
    });
  };
}

describeRoot('a pulled image runs through a snapshot: registry with Basic auth', pullAndRun(async () => ({ kind: 'htpasswd', users: { alice: 'wonderland' } })));

describeRoot('a pulled image runs through a snapshot: registry behind a token realm', () => {
  let dir: string | undefined;
  let tokens: TokenServer | undefined;
  afterAll(async () => {
    await tokens?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  pullAndRun(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-token-'));
    tokens = await startTokenServer(dir, { alice: 'wonderland' }, (user, _repository, actions) => (user === 'alice' ? actions : []));
    return { kind: 'token', realm: tokens.realm, service: TOKEN_SERVICE, issuer: TOKEN_ISSUER, certFile: tokens.certFile };
  })();
});
