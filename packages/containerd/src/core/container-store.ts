// Container records on disk: one JSON file per container under <root>/metadata/<namespace>/,
// written atomically, so a crash leaves each record whole (old or new) and a restart reads them
// back. Few records change at a time, so a file each beats an embedded database's start-up cost.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { internal } from '@skiff/errors';
import { readFileIfExists, writeFileAtomic } from '../atomic-file';

const RuntimeOptionsSchema = z.object({
  name: z.string().default(''),
  root: z.string().default(''),
  runtimeArgs: z.array(z.string()).default([]),
  logPathJsonFile: z.string().default(''),
  logOptions: z
    .object({ maxSizeBytes: z.union([z.string(), z.number()]).transform(String).default('0'), maxFiles: z.number().int().default(0) })
    .nullable()
    .default(null),
});

export const ContainerRecordSchema = z.object({
  id: z.string(),
  labels: z.record(z.string(), z.string()).default({}),
  image: z.string().default(''),
  runtime: z.object({ name: z.string().default(''), options: RuntimeOptionsSchema.nullable().default(null), shimGroup: z.string().default('') }),
  /** The OCI spec, as the JSON text it arrived as. */
  spec: z.string().default(''),
  snapshotter: z.string().default(''),
  snapshotKey: z.string().default(''),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** google.protobuf.Any values: type URL and base64 bytes. */
  extensions: z.record(z.string(), z.object({ typeUrl: z.string(), value: z.string() })).default({}),
});

export type ContainerRecord = z.infer<typeof ContainerRecordSchema>;
export type RuntimeOptionsRecord = z.infer<typeof RuntimeOptionsSchema>;

export class ContainerStore {
  private readonly cache = new Map<string, Map<string, ContainerRecord>>();

  constructor(private readonly root: string) {
    fs.mkdirSync(root, { recursive: true, mode: 0o711 });
    this.load();
  }

  private file(namespace: string, id: string): string {
    return path.join(this.root, namespace, `${id}.json`);
  }

  private load(): void {
    for (const namespace of fs.readdirSync(this.root)) {
      const dir = path.join(this.root, namespace);
      if (!fs.statSync(dir).isDirectory()) continue;
      const records = new Map<string, ContainerRecord>();
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        // A temporary file is what a crash in the middle of a write leaves: the record it was
        // replacing is still whole beside it.
        if (name.endsWith('.tmp')) {
          fs.rmSync(file, { force: true });
          continue;
        }
        if (!name.endsWith('.json')) continue;
        const parsed = ContainerRecordSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
        if (!parsed.success) throw internal(`container record ${file} is corrupt: ${parsed.error.message}`);
        records.set(parsed.data.id, parsed.data);
      }
      this.cache.set(namespace, records);
    }
  }

  get(namespace: string, id: string): ContainerRecord | undefined {
    return this.cache.get(namespace)?.get(id);
  }

  list(namespace: string): ContainerRecord[] {
    return [...(this.cache.get(namespace)?.values() ?? [])];
  }

  namespaces(): string[] {
    return [...this.cache.keys()];
  }

  put(namespace: string, record: ContainerRecord): void {
    writeFileAtomic(this.file(namespace, record.id), `${JSON.stringify(record)}\n`);
    let records = this.cache.get(namespace);
    if (!records) this.cache.set(namespace, (records = new Map()));
    records.set(record.id, record);
  }

  remove(namespace: string, id: string): void {
    fs.rmSync(this.file(namespace, id), { force: true });
    this.cache.get(namespace)?.delete(id);
  }

  /** Re-reads a record from disk (tests check what a restart would see). */
  readBack(namespace: string, id: string): ContainerRecord | undefined {
    const text = readFileIfExists(this.file(namespace, id));
    return text === undefined ? undefined : ContainerRecordSchema.parse(JSON.parse(text));
  }
}
