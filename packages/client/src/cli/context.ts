import type { Readable, Writable } from 'node:stream';
import type { EngineClient } from '../sdk/client';

/** Everything a verb touches, so tests drive verbs with a fake engine and captured streams. */
export interface CliContext {
  engine: EngineClient;
  stdout: Writable & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: Writable;
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

/** A verb's outcome: the process exit status. */
export type Verb = (ctx: CliContext) => Promise<number>;
