// Leases keep what a client is still working with (a pull in flight, an unpacked snapshot not yet
// referenced by an image) safe from garbage collection: every resource of a live lease is a root.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { z } from 'zod';
import { alreadyExists, invalidArgument, notFound } from '@skiff/errors';
import { isErrno, readJson, removeTempFiles, writeJsonAtomic } from './atomic';
import { Mutex, RwLock } from './lock';

export type LeaseResourceType = 'content' | 'ingest' | 'snapshot';

/** A content digest, an ingest ref or a snapshot key held by a lease. */
export interface LeaseResource {
  type: LeaseResourceType;
  id: string;
}

export interface Lease {
  id: string;
  createdAt: Date;
  /** Undefined: lives until deleted. */
  expiresAt?: Date;
  labels: Record<string, string>;
  resources: LeaseResource[];
}

export interface LeasedResources {
  content: Set<string>;
  ingests: Set<string>;
  snapshots: Set<string>;
}

const LeaseFileSchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().optional(),
  labels: z.record(z.string(), z.string()),
  resources: z.array(z.object({ type: z.enum(['content', 'ingest', 'snapshot']), id: z.string().min(1) })),
});
type LeaseFile = z.infer<typeof LeaseFileSchema>;

// The id names the lease's file, so it is kept to a file-name-safe alphabet.
const LEASE_ID = /^[A-Za-z0-9][\w.+:-]{0,127}$/;

export class LeaseManager {
  /**
   * Held exclusively by a garbage collection; held shared by every change that must be seen
   * whole by one (see withResource).
   */
  readonly gcLock = new RwLock();
  private readonly mutex = new Mutex();

  /** root holds one JSON file per lease (a lease changes alone; no index to rewrite). */
  constructor(
    private readonly root: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async open(): Promise<void> {
    await fsp.mkdir(this.root, { recursive: true });
    await removeTempFiles(this.root);
  }

  async createLease(id: string, expiresAt?: Date, labels: Record<string, string> = {}): Promise<Lease> {
    if (!LEASE_ID.test(id)) throw invalidArgument(`lease id "${id}": must be 1-128 letters, digits and _ . + : - (not starting with a symbol)`);
    return this.mutex.run(async () => {
      if (await this.read(id)) throw alreadyExists(`lease "${id}" already exists`);
      const lease: LeaseFile = {
        id,
        createdAt: this.clock().toISOString(),
        ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
        labels: { ...labels },
        resources: [],
      };
      await writeJsonAtomic(this.file(id), lease);
      return toLease(lease);
    });
  }

  async deleteLease(id: string): Promise<void> {
    return this.mutex.run(async () => {
      try {
        await fsp.unlink(this.file(id));
      } catch (err) {
        if (isErrno(err, 'ENOENT')) throw notFound(`lease "${id}" not found`);
        throw err;
      }
    });
  }

  async getLease(id: string): Promise<Lease> {
    const lease = await this.read(id);
    if (!lease) throw notFound(`lease "${id}" not found`);
    return toLease(lease);
  }

  async listLeases(): Promise<Lease[]> {
    const leases = await this.readAll();
    return leases.map(toLease);
  }

  /** NOT_FOUND when the lease does not exist or has expired: an expired lease protects nothing. */
  async addResource(leaseId: string, resource: LeaseResource): Promise<void> {
    return this.gcLock.shared(() => this.addUnlocked(leaseId, resource));
  }

  async removeResource(leaseId: string, resource: LeaseResource): Promise<void> {
    return this.mutex.run(async () => {
      const lease = await this.read(leaseId);
      if (!lease) throw notFound(`lease "${leaseId}" not found`);
      lease.resources = lease.resources.filter((r) => r.type !== resource.type || r.id !== resource.id);
      await writeJsonAtomic(this.file(leaseId), lease);
    });
  }

  /**
   * Runs fn with resource already held by the lease (when one is given), with no collection in
   * between: what fn creates is protected from the moment it exists.
   */
  withResource<T>(leaseId: string | undefined, resources: LeaseResource[], fn: () => Promise<T>): Promise<T> {
    return this.gcLock.shared(async () => {
      if (leaseId !== undefined) for (const r of resources) await this.addUnlocked(leaseId, r);
      return fn();
    });
  }

  /**
   * Resources of the leases still alive, deleting the expired ones. Meant for a collection
   * holding gcLock exclusively.
   */
  async liveResources(): Promise<LeasedResources> {
    const now = this.clock().getTime();
    const live: LeasedResources = { content: new Set(), ingests: new Set(), snapshots: new Set() };
    for (const lease of await this.readAll()) {
      if (lease.expiresAt !== undefined && Date.parse(lease.expiresAt) <= now) {
        await this.mutex.run(() => fsp.rm(this.file(lease.id), { force: true }));
        continue;
      }
      for (const r of lease.resources) {
        if (r.type === 'content') live.content.add(r.id);
        else if (r.type === 'ingest') live.ingests.add(r.id);
        else live.snapshots.add(r.id);
      }
    }
    return live;
  }

  private addUnlocked(leaseId: string, resource: LeaseResource): Promise<void> {
    return this.mutex.run(async () => {
      const lease = await this.read(leaseId);
      if (!lease || (lease.expiresAt !== undefined && Date.parse(lease.expiresAt) <= this.clock().getTime())) {
        throw notFound(`lease "${leaseId}" not found or expired`);
      }
      if (lease.resources.some((r) => r.type === resource.type && r.id === resource.id)) return;
      lease.resources.push({ type: resource.type, id: resource.id });
      await writeJsonAtomic(this.file(leaseId), lease);
    });
  }

  private file(id: string): string {
    if (!LEASE_ID.test(id)) throw notFound(`lease "${id}" not found`);
    return path.join(this.root, `${id}.json`);
  }

  private read(id: string): Promise<LeaseFile | undefined> {
    return readJson(this.file(id), LeaseFileSchema);
  }

  private async readAll(): Promise<LeaseFile[]> {
    const names = (await fsp.readdir(this.root)).filter((n) => n.endsWith('.json') && LEASE_ID.test(n.slice(0, -5)));
    const leases = await Promise.all(names.map((n) => this.read(n.slice(0, -5))));
    return leases.filter((l): l is LeaseFile => l !== undefined).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

function toLease(file: LeaseFile): Lease {
  return {
    id: file.id,
    createdAt: new Date(file.createdAt),
    ...(file.expiresAt !== undefined ? { expiresAt: new Date(file.expiresAt) } : {}),
    labels: { ...file.labels },
    resources: file.resources.map((r) => ({ ...r })),
  };
}
