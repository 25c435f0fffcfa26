import type { Connection } from './connection';

export interface GlobalOptions {
  address: string;
  namespace: string;
}

/** Runs an action with a connection from the global options, and closes it after. */
export type WithConnection = (action: (conn: Connection) => Promise<number | void>) => Promise<void>;
