// Docker's detach keys: "ctrl-p,ctrl-q" style sequences, watched for in a TTY session's input
// by the client itself (the daemon gets them too), so detaching never waits on the daemon.

/** "ctrl-<c>" (a-z, @, [, \, ], ^, _) and single characters, comma separated, to bytes. */
export function parseDetachKeys(spec: string): Buffer {
  const bytes: number[] = [];
  for (const key of spec.split(',')) {
    const lower = key.toLowerCase();
    if (lower.startsWith('ctrl-') && key.length === 6) {
      const c = lower.charCodeAt(5);
      if (c >= 97 && c <= 122) bytes.push(c - 96);
      else if ('@[\\]^_'.includes(lower[5]!)) bytes.push(lower.charCodeAt(5) - 64);
      else throw new Error(`Unknown character: '${key}'`);
    } else if (key.length === 1) bytes.push(key.charCodeAt(0));
    else throw new Error(`Unknown character: '${key}'`);
  }
  return Buffer.from(bytes);
}

export const DEFAULT_DETACH_KEYS = 'ctrl-p,ctrl-q';

/**
 * Filters input for the sequence: bytes of a partial match are held back until they either
 * complete it (onDetach, nothing more passes) or turn out to be input after all.
 */
export function escapeFilter(keys: Buffer, forward: (chunk: Buffer) => void, onDetach: () => void): (chunk: Buffer) => void {
  let matched = 0;
  let detached = false;
  return (chunk) => {
    if (detached) return;
    const out: number[] = [];
    for (const byte of chunk) {
      if (byte === keys[matched]) {
        matched++;
        if (matched === keys.length) {
          detached = true;
          if (out.length) forward(Buffer.from(out));
          onDetach();
          return;
        }
        continue;
      }
      for (let i = 0; i < matched; i++) out.push(keys[i]!);
      matched = 0;
      if (byte === keys[0]) matched = 1;
      else out.push(byte);
    }
    if (out.length) forward(Buffer.from(out));
  };
}
