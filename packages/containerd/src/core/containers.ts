// The Containers service's core: container records (metadata only; a container runs through its
// task), with the events each change emits. No sockets here: the gRPC adapter and the tests call
// it directly.
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from '@skiff/errors';
import { matchesFilters, parseFilters } from '../filters';
import type { ContainerRecord, ContainerStore } from './container-store';
import type { EventBus } from './event-bus';
import { validateIdentifier } from './identifiers';

/** What a caller gives to create or update a container (timestamps are containerd's). */
export type ContainerInput = Omit<ContainerRecord, 'createdAt' | 'updatedAt'>;

const MUTABLE_FIELDS = ['labels', 'image', 'runtime', 'spec', 'snapshotter', 'snapshotKey', 'extensions'] as const;
type MutableField = (typeof MUTABLE_FIELDS)[number];

const MASK_FIELDS: Record<string, MutableField> = {
  labels: 'labels',
  image: 'image',
  runtime: 'runtime',
  spec: 'spec',
  snapshotter: 'snapshotter',
  snapshot_key: 'snapshotKey',
  extensions: 'extensions',
};

function checkSpec(spec: string): void {
  if (spec === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(spec);
  } catch (err) {
    throw invalidArgument(`container spec is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidArgument('container spec must be a JSON object');
}

/** A container's field by its filter path (protos/README.md, "Filters"). */
function containerField(c: ContainerRecord, field: string): string | undefined {
  if (field.startsWith('labels.')) return c.labels[field.slice('labels.'.length)];
  switch (field) {
    case 'id':
      return c.id;
    case 'image':
      return c.image;
    case 'runtime.name':
      return c.runtime.name;
    case 'runtime.shim_group':
      return c.runtime.shimGroup;
    case 'snapshotter':
      return c.snapshotter;
    case 'snapshot_key':
      return c.snapshotKey;
    default:
      return undefined;
  }
}

export class ContainersCore {
  /** Whether the container has a task (such a container cannot be deleted): set by the runtime. */
  private hasTask: (namespace: string, id: string) => boolean = () => false;

  constructor(
    private readonly store: ContainerStore,
    private readonly bus: EventBus,
  ) {}

  /**
   * The runtime tells which containers have a task. A setter rather than a constructor argument
   * because the runtime needs the containers first (to read a container's spec at task create).
   */
  setTaskLookup(hasTask: (namespace: string, id: string) => boolean): void {
    this.hasTask = hasTask;
  }

  get(namespace: string, id: string): ContainerRecord {
    const record = this.store.get(namespace, id);
    if (!record) throw notFound(`container "${id}" in namespace "${namespace}": not found`);
    return record;
  }

  list(namespace: string, filters: string[]): ContainerRecord[] {
    const parsed = parseFilters(filters);
    return this.store
      .list(namespace)
      .filter((c) => matchesFilters(parsed, (field) => containerField(c, field)))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Every container's snapshot key in every namespace: roots the garbage collector keeps. */
  snapshotKeys(): string[] {
    return this.store.namespaces().flatMap((ns) => this.store.list(ns).map((c) => c.snapshotKey)).filter((key) => key !== '');
  }

  create(namespace: string, input: ContainerInput): ContainerRecord {
    validateIdentifier(namespace, 'namespace');
    validateIdentifier(input.id, 'container id');
    checkSpec(input.spec);
    if (this.store.get(namespace, input.id)) throw alreadyExists(`container "${input.id}": already exists`);
    const now = new Date().toISOString();
    const record: ContainerRecord = { ...input, createdAt: now, updatedAt: now };
    this.store.put(namespace, record);
    this.bus.publish(namespace, 'containerCreate', { id: record.id, image: record.image, runtime: record.runtime.name });
    return record;
  }

  /**
   * Replaces the fields the mask names ("labels.KEY" and "extensions.KEY" one entry; an empty
   * mask every mutable field).
   */
  update(namespace: string, input: ContainerInput, mask: string[]): ContainerRecord {
    const current = this.get(namespace, input.id);
    const next: ContainerRecord = { ...current, labels: { ...current.labels }, extensions: { ...current.extensions } };
    const paths = mask.length > 0 ? mask : Object.keys(MASK_FIELDS);
    for (const path of paths) {
      const dot = path.indexOf('.');
      const head = dot < 0 ? path : path.slice(0, dot);
      const key = dot < 0 ? undefined : path.slice(dot + 1);
      if (key !== undefined && (head === 'labels' || head === 'extensions')) {
        const source = input[head] as Record<string, never>;
        const target = next[head] as Record<string, unknown>;
        if (key in source) target[key] = source[key];
        else delete target[key];
        continue;
      }
      const field = MASK_FIELDS[path];
      if (!field || key !== undefined) {
        if (['id', 'created_at', 'updated_at'].includes(path)) throw invalidArgument(`container field "${path}" cannot be changed`);
        throw invalidArgument(`unknown field "${path}" in the update mask`);
      }
      (next as Record<MutableField, unknown>)[field] = input[field];
    }
    checkSpec(next.spec);
    next.updatedAt = new Date().toISOString();
    this.store.put(namespace, next);
    this.bus.publish(namespace, 'containerUpdate', { id: next.id, image: next.image, labels: next.labels, snapshotKey: next.snapshotKey });
    return next;
  }

  delete(namespace: string, id: string): void {
    this.get(namespace, id);
    if (this.hasTask(namespace, id)) throw failedPrecondition(`container "${id}" has a task: delete the task first`);
    this.store.remove(namespace, id);
    this.bus.publish(namespace, 'containerDelete', { id });
  }
}
