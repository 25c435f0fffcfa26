// The `networks` of Docker's stats JSON: per-interface counters of the container's network
// namespace. /proc/<pid>/net/dev shows the namespace of that process, so the host reads it
// without entering the namespace. As dockerd, loopback is left out (libnetwork only counts the
// interfaces it placed in the sandbox), and a container without any other interface (`none`)
// or sharing the host's stack (`host`) gets no `networks` at all.
import * as fs from 'node:fs';

export interface InterfaceStats {
  rx_bytes: number;
  rx_packets: number;
  rx_errors: number;
  rx_dropped: number;
  tx_bytes: number;
  tx_packets: number;
  tx_errors: number;
  tx_dropped: number;
}

export type NetworkStats = Record<string, InterfaceStats>;

// Columns after "name:": receive bytes packets errs drop fifo frame compressed multicast, then
// transmit bytes packets errs drop fifo colls carrier compressed.
const RX_BYTES = 0;
const TX_BYTES = 8;
const COLUMNS = 16;

/** The text of a net/dev file as Docker's per-interface counters, loopback excluded. */
export function parseNetDev(text: string): NetworkStats {
  const out: NetworkStats = {};
  for (const line of text.split('\n')) {
    // Interface names cannot contain ':' (the kernel refuses them), and a large counter may
    // touch the colon, so the name is everything before the first one.
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const fields = line.slice(colon + 1).trim().split(/\s+/);
    if (name === '' || name === 'lo' || fields.length < COLUMNS || !fields.every((f) => /^\d+$/.test(f))) continue;
    const n = fields.map(Number);
    out[name] = {
      rx_bytes: n[RX_BYTES]!,
      rx_packets: n[RX_BYTES + 1]!,
      rx_errors: n[RX_BYTES + 2]!,
      rx_dropped: n[RX_BYTES + 3]!,
      tx_bytes: n[TX_BYTES]!,
      tx_packets: n[TX_BYTES + 1]!,
      tx_errors: n[TX_BYTES + 2]!,
      tx_dropped: n[TX_BYTES + 3]!,
    };
  }
  return out;
}

/**
 * The counters of a running container's namespace, or undefined when Docker shows none: host
 * networking, no interface besides loopback, or the process already gone.
 */
export function containerNetworkStats(pid: number, networkMode: string, procRoot = '/proc'): NetworkStats | undefined {
  if (pid <= 0 || networkMode === 'host') return undefined;
  let text: string;
  try {
    text = fs.readFileSync(`${procRoot}/${pid}/net/dev`, 'utf8');
  } catch {
    return undefined;
  }
  const stats = parseNetDev(text);
  return Object.keys(stats).length > 0 ? stats : undefined;
}
