// The request bodies of the network and volume routes.
import { z } from 'zod';

/** A container's settings on one network, at create or connect. */
export const EndpointSettingsRequestSchema = z.looseObject({
  Aliases: z.array(z.string()).nullish(),
  IPAMConfig: z.looseObject({ IPv4Address: z.string().nullish() }).nullish(),
});

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
