import * as os from 'node:os';
import { invalidArgument } from '@skiff/errors';

/** "KILL", "SIGKILL", "kill" and "9" all name signal 9, as runc's kill accepts. */
export function parseSignal(value: string): number {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n > 0 && n < 65) return n;
  } else {
    const upper = value.toUpperCase();
    const name = (upper.startsWith('SIG') ? upper : `SIG${upper}`) as keyof typeof os.constants.signals;
    const n = os.constants.signals[name];
    if (n !== undefined) return n;
  }
  throw invalidArgument(`unknown signal ${JSON.stringify(value)}`);
}
