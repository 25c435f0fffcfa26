// zod schemas of the requests skiff-containerd serves, over what proto-loader decodes (camelCase,
// defaults filled, bytes as Buffers). Types of the cores are derived from these.
import { z } from 'zod';

const bytes = z.instanceof(Buffer);
const timestamp = z.object({ seconds: z.union([z.string(), z.number()]), nanos: z.number() }).nullable();

export const RuntimeOptionsSchema = z.object({
  name: z.string(),
  root: z.string(),
  runtimeArgs: z.array(z.string()),
  logPathJsonFile: z.string(),
  logOptions: z.object({ maxSizeBytes: z.union([z.string(), z.number()]).transform(String), maxFiles: z.number().int() }).nullable(),
});

export const ContainerSchema = z.object({
  id: z.string(),
  labels: z.record(z.string(), z.string()),
  image: z.string(),
  runtime: z.object({ name: z.string(), options: RuntimeOptionsSchema.nullable(), shimGroup: z.string() }).nullable(),
  spec: bytes,
  snapshotter: z.string(),
  snapshotKey: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  // google.protobuf.Any keeps its wire name type_url through proto-loader.
  extensions: z.record(z.string(), z.object({ type_url: z.string(), value: bytes })),
});
export type ContainerMessage = z.output<typeof ContainerSchema>;

export const IdSchema = z.object({ id: z.string() });
export const FiltersSchema = z.object({ filters: z.array(z.string()) });
export const CreateContainerSchema = z.object({ container: ContainerSchema });
export const UpdateContainerSchema = z.object({ container: ContainerSchema, updateMask: z.object({ paths: z.array(z.string()) }).nullable() });

const MountSchema = z.object({ type: z.string(), source: z.string(), target: z.string(), options: z.array(z.string()) });
const stdio = { terminal: z.boolean(), stdin: z.string(), stdout: z.string(), stderr: z.string() };

export const CreateTaskSchema = z.object({
  containerId: z.string().min(1),
  rootfs: z.array(MountSchema),
  ...stdio,
  runtimeOptions: RuntimeOptionsSchema.nullable(),
});
export const ContainerRefSchema = z.object({ containerId: z.string().min(1) });
export const ProcessRefSchema = z.object({ containerId: z.string().min(1), execId: z.string() });
export const KillSchema = z.object({ containerId: z.string().min(1), execId: z.string(), signal: z.number().int().min(1).max(64), all: z.boolean() });
export const ExecSchema = z.object({ containerId: z.string().min(1), execId: z.string().min(1), ...stdio, spec: bytes });
export const ResizePtySchema = z.object({
  containerId: z.string().min(1),
  execId: z.string(),
  width: z.number().int().min(0).max(65535),
  height: z.number().int().min(0).max(65535),
});
export const CloseIOSchema = z.object({ containerId: z.string().min(1), execId: z.string(), stdin: z.boolean() });
export const UpdateTaskSchema = z.object({ containerId: z.string().min(1), resources: bytes, annotations: z.record(z.string(), z.string()) });
