// Heap sizing while a transfer streams layers through the daemon.
//
// A pull moves every byte through short-lived Buffers three times (the socket read, node:http's
// copy of the body, gunzip's output): ~650 MB of ArrayBuffers for a 213 MB image. V8 counts the
// external memory allocated since the last full collection against the old generation's limit,
// young garbage included, and with the daemon's small heap (~17 MB live, an adaptive limit of
// 2.5-5x that) the limit came within reach every few tens of MB of Buffers: ~15 full mark-compacts
// per pull, a third of the daemon's CPU (measured with perf), although young collections alone free
// those Buffers. While at least one transfer runs, the limit set after a full collection is 4x the
// live heap instead; V8's adaptive factor is back for the first full collection after the last one.
import { setFlagsFromString } from 'node:v8';

const GROWING_PERCENT = 300;
let running = 0;

/** Runs fn with the heap allowed to grow more between full collections. */
export async function withTransferHeap<T>(fn: () => Promise<T>): Promise<T> {
  if (running++ === 0) setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);
  try {
    return await fn();
  } finally {
    // 0 is V8's default: the factor adapts to the measured GC and mutator speeds.
    if (--running === 0) setFlagsFromString('--heap-growing-percent=0');
  }
}
