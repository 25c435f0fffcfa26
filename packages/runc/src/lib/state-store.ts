import * as fs from 'node:fs';
import * as path from 'node:path';
import { alreadyExists, invalidArgument, notFound } from '@skiff/errors';
import type { RuntimeConfig } from '@skiff/oci-spec';

/** What the runtime remembers about a container between invocations, in <root>/<id>/state.json. */
export interface ContainerRecord {
  id: string;
  pid: number;
  /** /proc/<pid>/stat start time, so a recycled pid is never mistaken for the container. */
  initStartTime: string;
  bundle: string;
  rootfs: string;
  created: string;
  owner: string;
  config: RuntimeConfig;
  cgroupPaths: Record<string, string>;
  cgroupVersion: 1 | 2;
}

const ID_PATTERN = /^[\w+\-.]+$/;

export function validateId(id: string): void {
  if (!ID_PATTERN.test(id) || id === '.' || id === '..') throw invalidArgument(`invalid id format: ${id}`);
}

export class StateStore {
  constructor(readonly root: string) {}

  dirOf(id: string): string {
    return path.join(this.root, id);
  }

  fifoOf(id: string): string {
    return path.join(this.dirOf(id), 'exec.fifo');
  }

  /** Claims the id by creating its directory; mkdir's atomicity is the lock against a racing create. */
  claim(id: string): string {
    validateId(id);
    fs.mkdirSync(this.root, { recursive: true, mode: 0o711 });
    const dir = this.dirOf(id);
    try {
      fs.mkdirSync(dir, { mode: 0o711 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyExists(`container with id exists: ${id}`);
      throw err;
    }
    return dir;
  }

  save(record: ContainerRecord): void {
    const file = path.join(this.dirOf(record.id), 'state.json');
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(record, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    fs.renameSync(tmp, file);
  }

  load(id: string): ContainerRecord {
    validateId(id);
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.dirOf(id), 'state.json'), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('container does not exist');
      throw err;
    }
    return JSON.parse(text) as ContainerRecord;
  }

  exists(id: string): boolean {
    return fs.existsSync(this.dirOf(id));
  }

  remove(id: string): void {
    const dir = this.dirOf(id);
    // The directory holds files only (state.json, exec.fifo), which spares Node's rimraf: its first
    // use loads it, a cost a fresh shim's first Delete would pay. Anything else there, it does.
    try {
      for (const name of fs.readdirSync(dir)) fs.unlinkSync(path.join(dir, name));
      fs.rmdirSync(dir);
    } catch {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  ids(): string[] {
    try {
      return fs
        .readdirSync(this.root, { withFileTypes: true })
        .filter((e) => e.isDirectory() && fs.existsSync(path.join(this.root, e.name, 'state.json')))
        .map((e) => e.name)
        .sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }
}
