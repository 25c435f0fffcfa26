// zod at the gRPC boundary. proto3 only knows "string", "bytes" and "uint64": whether an id is
// usable, a path absolute, a signal real or a spec a valid OCI process is checked here, once, so
// the core receives typed values and every refusal is INVALID_ARGUMENT naming the field.
import { z } from 'zod';
import { LinuxResourcesSchema, ProcessSchema } from '@skiff/oci-spec';
import type { TaskRuntimeOptions } from '../core/ports';

/** The runtime's own rule (skiff-runc and runc): the id names a directory under --root. */
const id = z
  .string()
  .regex(/^[\w+\-.]+$/, 'must be letters, digits and + - . _ only')
  .refine((s) => s !== '.' && s !== '..', 'must not be . or ..');
const execId = z.union([z.literal(''), id]);
const absolute = z.string().refine((p) => p.startsWith('/'), 'must be an absolute path');
const stdioPath = z.string();
/** uint64 arrives as a decimal string; a size or sequence beyond 2^53 is not a real one. */
const uint64 = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: 'must be an integer between 0 and 2^53' });
    return z.NEVER;
  }
  return n;
});

const defaultRuntimeOptions: TaskRuntimeOptions = {
  name: '',
  root: '',
  runtimeArgs: [],
  logPathJsonFile: '',
  logOptions: { maxSizeBytes: 0, maxFiles: 0 },
};

const RuntimeOptionsSchema = z.object({
  name: z.string(),
  root: z.string().refine((p) => p === '' || p.startsWith('/'), 'must be an absolute path or ""'),
  runtimeArgs: z.array(z.string()),
  logPathJsonFile: z.string().refine((p) => p === '' || p.startsWith('/'), 'must be an absolute path or ""'),
  logOptions: z
    .object({ maxSizeBytes: uint64, maxFiles: z.number().int().nonnegative() })
    .nullable()
    .transform((o) => o ?? defaultRuntimeOptions.logOptions),
});

export const CreateTaskSchema = z.object({
  id,
  bundle: absolute,
  rootfs: z.array(z.object({ type: z.string().min(1), source: z.string(), target: z.string(), options: z.array(z.string()) })),
  terminal: z.boolean(),
  stdin: stdioPath,
  stdout: stdioPath,
  stderr: stdioPath,
  runtimeOptions: RuntimeOptionsSchema.nullable().transform((o) => o ?? defaultRuntimeOptions),
});

/** OCI objects travel as JSON bytes (an Exec's process, an Update's resources). */
const jsonBytes = z.instanceof(Buffer).transform((bytes, ctx) => {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not JSON: ${(err as Error).message}` });
    return z.NEVER;
  }
});

/** runc refuses a process without args. */
const processSpec = jsonBytes
  .pipe(ProcessSchema)
  .refine((p) => (p.args?.length ?? 0) > 0, 'args must not be empty')
  .refine((p) => p.cwd.startsWith('/'), 'cwd must be an absolute path');

export const ExecSchema = z.object({
  id,
  execId: id,
  terminal: z.boolean(),
  stdin: stdioPath,
  stdout: stdioPath,
  stderr: stdioPath,
  spec: processSpec,
});

export const ProcessRefSchema = z.object({ id, execId });
export const TaskRefSchema = z.object({ id });
export const KillSchema = z.object({
  id,
  execId,
  signal: z.number().int().min(1, 'must be a signal number (1-64)').max(64, 'must be a signal number (1-64)'),
  all: z.boolean(),
});
/** struct winsize holds 16-bit sizes. */
const terminalSize = z.number().int().min(0).max(65535, 'must be at most 65535');
export const ResizePtySchema = z.object({ id, execId, width: terminalSize, height: terminalSize });
export const CloseIoSchema = z.object({ id, execId, stdin: z.boolean() });
/** Annotations are for shims whose runtime takes them; runc's update has no use for them. */
export const UpdateSchema = z.object({ id, resources: jsonBytes.pipe(LinuxResourcesSchema), annotations: z.record(z.string(), z.string()) });
/** Connect and Shutdown accept any id: an unknown one is NOT_FOUND or a no-op, not a malformed request. */
export const ConnectSchema = z.object({ id: z.string() });
export const ShutdownSchema = z.object({ id: z.string(), now: z.boolean() });
export const EventsSchema = z.object({ afterSequence: uint64 });
