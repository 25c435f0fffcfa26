import { Runtime } from '../lib/runtime';
import type { Logger } from './logger';

/** What every verb gets from the global flags. */
export interface CliContext {
  runtime: Runtime;
  logger: Logger;
  root: string;
  /** Set by verbs that wait for a container process (run, exec): the CLI exits with it. */
  exitCode?: number;
}
