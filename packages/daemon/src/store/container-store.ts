// The container records on disk, one directory per container under <data-root>/containers (as
// Docker lays them out: the json log lives beside the record). Each write goes to a temporary
// file renamed over the old one, so a crash never leaves a half-written record.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ContainerRecord, ContainerRecordSchema } from './record';

const RECORD_FILE = 'config.v2.json';

export interface LoadProblem {
  dir: string;
  error: string;
}

export class ContainerStore {
  readonly dir: string;

  constructor(dataRoot: string) {
    this.dir = path.join(dataRoot, 'containers');
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o710 });
  }

  containerDir(id: string): string {
    return path.join(this.dir, id);
  }

  logPath(id: string): string {
    return path.join(this.containerDir(id), `${id}-json.log`);
  }

  save(record: ContainerRecord): void {
    const dir = this.containerDir(record.Id);
    fs.mkdirSync(dir, { recursive: true, mode: 0o710 });
    const file = path.join(dir, RECORD_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(record));
    fs.renameSync(tmp, file);
  }

  remove(id: string): void {
    fs.rmSync(this.containerDir(id), { recursive: true, force: true });
  }

  /** Every readable record; directories without a valid one are reported, not fatal. */
  loadAll(): { records: ContainerRecord[]; problems: LoadProblem[] } {
    const records: ContainerRecord[] = [];
    const problems: LoadProblem[] = [];
    for (const entry of fs.readdirSync(this.dir)) {
      const dir = path.join(this.dir, entry);
      try {
        const parsed = ContainerRecordSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, RECORD_FILE), 'utf8')));
        if (parsed.success) records.push(parsed.data);
        else problems.push({ dir, error: parsed.error.message });
      } catch (err) {
        problems.push({ dir, error: (err as Error).message });
      }
    }
    return { records, problems };
  }
}
