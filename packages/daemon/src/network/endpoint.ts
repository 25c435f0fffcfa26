// A container's attachment to a network, kept in its record (Docker's
// NetworkSettings.Networks entry): set at create, addressed at start, unaddressed at stop.
import { hostConfigNetworkFields } from '@skiff/engine-api';
import { z } from 'zod';

export const EndpointSchema = z.object({
  NetworkID: z.string(),
  /** Empty while the container is not running: Docker releases the endpoint at stop. */
  EndpointID: z.string(),
  IPAddress: z.string(),
  IPPrefixLen: z.number().int(),
  Gateway: z.string(),
  MacAddress: z.string(),
  Aliases: z.array(z.string()).nullable(),
  /** The interface's name inside the container (eth0, eth1, ...). */
  IfName: z.string().default(''),
  /** A static address asked for (`--ip`), kept across stops. */
  IPAMConfig: z.object({ IPv4Address: z.string().optional() }).nullable().default(null),
  /** The MAC address asked for (`--mac-address`), kept across stops; empty: one derived from the IP. */
  ConfiguredMacAddress: z.string().default(''),
});
export type Endpoint = z.infer<typeof EndpointSchema>;

export const networkRecordFields = {
  /** Keyed by network name, as Docker's NetworkSettings.Networks. */
  Networks: z.record(z.string(), EndpointSchema).default({}),
  /** NetworkSettings.Ports: the bindings in effect while running ("80/tcp" -> [{HostIp, HostPort}] or null). */
  Ports: z.record(z.string(), z.array(z.object({ HostIp: z.string(), HostPort: z.string() })).nullable()).default({}),
};

export function unaddressed(e: Endpoint): Endpoint {
  return { ...e, EndpointID: '', IPAddress: '', IPPrefixLen: 0, Gateway: '', MacAddress: '', IfName: '' };
}

const HostConfigNetworkSchema = z.object(hostConfigNetworkFields);

export function keptNetworkHostConfig(hc: Record<string, unknown> | null | undefined): z.infer<typeof HostConfigNetworkSchema> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(hostConfigNetworkFields)) if (hc?.[key] != null) out[key] = hc[key];
  return out;
}
