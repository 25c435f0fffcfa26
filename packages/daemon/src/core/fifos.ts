// The FIFOs a container's task is created with, under <exec-root>/containers/<id>: the shim
// writes live output to them while someone reads and reads stdin from one, so skiffd can attach,
// detach and reattach (also after its own restart) without the container noticing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mkfifo } from './libc';

export interface StdioPaths {
  stdin: string;
  stdout: string;
  stderr: string;
}

export class FifoDirs {
  constructor(private readonly root: string) {}

  dir(id: string): string {
    return path.join(this.root, id);
  }

  /** The paths for a container ("" for a stream it does not have: stdin without OpenStdin, stderr with a TTY). */
  paths(id: string, opts: { openStdin: boolean; tty: boolean }): StdioPaths {
    const dir = this.dir(id);
    return {
      stdin: opts.openStdin ? path.join(dir, 'stdin') : '',
      stdout: path.join(dir, 'stdout'),
      stderr: opts.tty ? '' : path.join(dir, 'stderr'),
    };
  }

  create(id: string, paths: StdioPaths): void {
    fs.mkdirSync(this.dir(id), { recursive: true, mode: 0o700 });
    for (const p of [paths.stdin, paths.stdout, paths.stderr]) if (p !== '' && !fs.existsSync(p)) mkfifo(p, 0o600);
  }

  remove(id: string): void {
    fs.rmSync(this.dir(id), { recursive: true, force: true });
  }
}
