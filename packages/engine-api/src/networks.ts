// The request bodies of the network and volume routes.
import { z } from 'zod';

/** A container's settings on one network, at create or connect. */
export const EndpointSettingsRequestSchema = z.looseObject({
  Aliases: z.array(z.string()).nullish(),
  IPAMConfig: z.looseObject({ IPv4Address: z.string().nullish() }).nullish(),
  MacAddress: z.string().nullish(),
});

/**
 * Go's net.ParseMAC, which the docker CLI and dockerd both use: 6, 8 or 20 octets, as hex pairs
 * split by ':' or '-', or hex quads split by '.'. The address in Go's canonical form
 * (lowercase, ':'), or undefined when it is not one.
 */
export function parseMacAddress(text: string): string | undefined {
  const sizes = new Set([6, 8, 20]);
  let octets: string[] | undefined;
  const pairs = text.split(text.includes('-') ? '-' : ':');
  if (pairs.length > 1 && pairs.every((p) => /^[0-9a-fA-F]{2}$/.test(p))) octets = pairs;
  const quads = text.split('.');
  if (!octets && quads.length > 1 && quads.every((q) => /^[0-9a-fA-F]{4}$/.test(q))) octets = quads.flatMap((q) => [q.slice(0, 2), q.slice(2)]);
  if (!octets || !sizes.has(octets.length)) return undefined;
  return octets.map((o) => o.toLowerCase()).join(':');
}

/** POST /networks/create */
export const NetworkCreateBodySchema = z.looseObject({
  Name: z.string(),
  Driver: z.string().optional(),
  Internal: z.boolean().optional(),
  Attachable: z.boolean().optional(),
  EnableIPv6: z.boolean().nullish(),
  Labels: z.record(z.string(), z.string()).nullish(),
  Options: z.record(z.string(), z.string()).nullish(),
  IPAM: z
    .looseObject({
      Driver: z.string().optional(),
      Config: z
        .array(
          z.looseObject({
            Subnet: z.string().optional(),
            Gateway: z.string().optional(),
            IPRange: z.string().optional(),
            AuxiliaryAddresses: z.record(z.string(), z.string()).nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});
export type NetworkCreateBody = z.input<typeof NetworkCreateBodySchema>;

/** POST /networks/{id}/connect */
export const NetworkConnectBodySchema = z.looseObject({
  Container: z.string(),
  EndpointConfig: EndpointSettingsRequestSchema.nullish(),
});
export type NetworkConnectBody = z.input<typeof NetworkConnectBodySchema>;

/** POST /networks/{id}/disconnect */
export const NetworkDisconnectBodySchema = z.looseObject({ Container: z.string(), Force: z.boolean().optional() });
export type NetworkDisconnectBody = z.input<typeof NetworkDisconnectBodySchema>;

/** POST /volumes/create */
export const VolumeCreateBodySchema = z.looseObject({
  Name: z.string().optional(),
  Driver: z.string().optional(),
  DriverOpts: z.record(z.string(), z.string()).nullish(),
  Labels: z.record(z.string(), z.string()).nullish(),
});
export type VolumeCreateBody = z.input<typeof VolumeCreateBodySchema>;
