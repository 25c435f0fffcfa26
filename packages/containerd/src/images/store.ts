// Image records: a name ("docker.io/library/busybox:latest") mapped to the descriptor of its
// manifest or index in the content store (in its OCI JSON shape), per namespace. One JSON file per image (named by a
// hash of the name, which may hold "/", ":" and "@"), written atomically.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { alreadyExists, internal, invalidArgument, notFound } from '@skiff/errors';
import { writeFileAtomic } from '../atomic-file';
import type { EventBus } from '../core/event-bus';
import { matchesFilters, parseFilters } from '../filters';
import { type Descriptor, DescriptorSchema } from '../registry/manifest';

export const ImageRecordSchema = z.object({
  name: z.string().min(1),
  labels: z.record(z.string(), z.string()).default({}),
  target: DescriptorSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImageRecord = z.output<typeof ImageRecordSchema>;
export type { Descriptor };
export type ImageInput = Pick<ImageRecord, 'name' | 'labels' | 'target'>;

function imageField(image: ImageRecord, field: string): string | undefined {
  if (field.startsWith('labels.')) return image.labels[field.slice('labels.'.length)];
  switch (field) {
    case 'name':
      return image.name;
    case 'target.digest':
      return image.target.digest;
    case 'target.media_type':
      return image.target.mediaType;
    default:
      return undefined;
  }
}

export class ImageStore {
  private readonly images = new Map<string, Map<string, ImageRecord>>();

  constructor(
    private readonly root: string,
    private readonly bus?: EventBus,
  ) {
    fs.mkdirSync(root, { recursive: true, mode: 0o711 });
    for (const namespace of fs.readdirSync(root)) {
      const dir = path.join(root, namespace);
      const records = new Map<string, ImageRecord>();
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        if (!name.endsWith('.json')) {
          fs.rmSync(file, { force: true });
          continue;
        }
        const parsed = ImageRecordSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
        if (!parsed.success) throw internal(`image record ${file} is corrupt: ${parsed.error.message}`);
        records.set(parsed.data.name, parsed.data);
      }
      this.images.set(namespace, records);
    }
  }

  private file(namespace: string, name: string): string {
    return path.join(this.root, namespace, `${createHash('sha256').update(name).digest('hex')}.json`);
  }

  private write(namespace: string, record: ImageRecord): ImageRecord {
    writeFileAtomic(this.file(namespace, record.name), `${JSON.stringify(record)}\n`);
    let records = this.images.get(namespace);
    if (!records) this.images.set(namespace, (records = new Map()));
    records.set(record.name, record);
    return record;
  }

  get(namespace: string, name: string): ImageRecord {
    const image = this.images.get(namespace)?.get(name);
    if (!image) throw notFound(`image "${name}": not found`);
    return image;
  }

  find(namespace: string, name: string): ImageRecord | undefined {
    return this.images.get(namespace)?.get(name);
  }

  list(namespace: string, filters: string[] = []): ImageRecord[] {
    const parsed = parseFilters(filters);
    return [...(this.images.get(namespace)?.values() ?? [])]
      .filter((image) => matchesFilters(parsed, (field) => imageField(image, field)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every namespace's images: the roots of garbage collection. */
  all(): ImageRecord[] {
    return [...this.images.values()].flatMap((m) => [...m.values()]);
  }

  create(namespace: string, input: ImageInput): ImageRecord {
    if (this.find(namespace, input.name)) throw alreadyExists(`image "${input.name}": already exists`);
    const now = new Date().toISOString();
    const record = this.write(namespace, { ...input, target: DescriptorSchema.parse(input.target), createdAt: now, updatedAt: now });
    this.bus?.publish(namespace, 'imageCreate', { name: record.name, labels: record.labels });
    return record;
  }

  /** Create, or point an existing name at a new target (what a pull or a tag does). */
  upsert(namespace: string, input: ImageInput): ImageRecord {
    const current = this.find(namespace, input.name);
    if (!current) return this.create(namespace, input);
    return this.update(namespace, input, []);
  }

  /** Replaces "labels", "labels.KEY" and "target" as the mask says (empty: all of them). */
  update(namespace: string, input: ImageInput, mask: string[]): ImageRecord {
    const current = this.get(namespace, input.name);
    const next: ImageRecord = { ...current, labels: { ...current.labels } };
    for (const field of mask.length > 0 ? mask : ['labels', 'target']) {
      if (field === 'labels') next.labels = { ...input.labels };
      else if (field === 'target') next.target = DescriptorSchema.parse(input.target);
      else if (field.startsWith('labels.')) {
        const key = field.slice('labels.'.length);
        if (key in input.labels) next.labels[key] = input.labels[key]!;
        else delete next.labels[key];
      } else throw invalidArgument(`unknown field "${field}" in the update mask`);
    }
    next.updatedAt = new Date().toISOString();
    this.write(namespace, next);
    this.bus?.publish(namespace, 'imageUpdate', { name: next.name, labels: next.labels });
    return next;
  }

  delete(namespace: string, name: string): void {
    this.get(namespace, name);
    fs.rmSync(this.file(namespace, name), { force: true });
    this.images.get(namespace)?.delete(name);
    this.bus?.publish(namespace, 'imageDelete', { name });
  }
}
