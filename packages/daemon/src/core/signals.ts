import { constants } from 'node:os';
import { invalidArgument } from '@skiff/errors';

/** "KILL", "SIGKILL", "9" -> 9, as Docker's signal.ParseSignal accepts them. */
export function parseSignal(value: string): number {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    if (n >= 1 && n <= 64) return n;
  } else {
    const name = value.toUpperCase().startsWith('SIG') ? value.toUpperCase() : `SIG${value.toUpperCase()}`;
    const n = (constants.signals as Record<string, number>)[name];
    if (n !== undefined) return n;
  }
  throw invalidArgument(`Invalid signal: ${value}`);
}
