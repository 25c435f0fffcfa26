// The body of POST /containers/create that this slice acts on. Docker clients send many more
// fields (most of them empty); unknown ones are accepted and ignored rather than refused, so a
// newer client still works, and everything used is typed here.
import { z } from 'zod';
import { hostConfigResourceFields } from './hostconfig';
import { hostConfigMountFields } from './mounts';
import { hostConfigNetworkFields } from '../network/endpoint';
import { RestartPolicySchema } from './restart-policy';
import { HealthcheckSchema } from './health-config';

const stringList = z.array(z.string()).nullish();

export const CreateBodySchema = z.looseObject({
  Hostname: z.string().optional(),
  Domainname: z.string().optional(),
  User: z.string().optional(),
  AttachStdin: z.boolean().optional(),
  AttachStdout: z.boolean().optional(),
  AttachStderr: z.boolean().optional(),
  Tty: z.boolean().optional(),
  OpenStdin: z.boolean().optional(),
  StdinOnce: z.boolean().optional(),
  Env: stringList,
  // Docker accepts a string for these too (older clients): it is one argument.
  Cmd: z.union([z.array(z.string()), z.string().transform((s) => [s])]).nullish(),
  Entrypoint: z.union([z.array(z.string()), z.string().transform((s) => [s])]).nullish(),
  Image: z.string().optional(),
  WorkingDir: z.string().optional(),
  Labels: z.record(z.string(), z.string()).nullish(),
  StopSignal: z.string().optional(),
  StopTimeout: z.number().int().nullish(),
  Healthcheck: HealthcheckSchema.nullish(),
  /** Anonymous volumes to create, as {"/path": {}}. */
  Volumes: z.record(z.string(), z.unknown()).nullish(),
  HostConfig: z
    .looseObject({
      AutoRemove: z.boolean().optional(),
      NetworkMode: z.string().optional(),
      ...hostConfigNetworkFields,
      RestartPolicy: RestartPolicySchema.nullish(),
      Runtime: z.string().nullish(),
      LogConfig: z.looseObject({ Type: z.string().nullish(), Config: z.record(z.string(), z.string()).nullish() }).nullish(),
      ...hostConfigMountFields,
      ...hostConfigResourceFields,
    })
    .nullish(),
  /** The networks to join besides NetworkMode's, with their aliases (compose puts the service name there). */
  NetworkingConfig: z
    .looseObject({
      EndpointsConfig: z
        .record(z.string(), z.looseObject({ Aliases: z.array(z.string()).nullish(), IPAMConfig: z.looseObject({ IPv4Address: z.string().nullish() }).nullish() }).nullable())
        .nullish(),
    })
    .nullish(),
});
export type CreateBody = z.infer<typeof CreateBodySchema>;
