// The "config" object of an image config as a client sends it (`docker import --change`,
// `docker commit --change`): JSON, validated at the boundary, then laid over the image's own.
import { invalidArgument } from '@skiff/errors';
import { ImageConfigSchema } from '../images/resolve';

const ContainerConfigSchema = ImageConfigSchema.shape.config.unwrap();
export type ContainerConfig = Record<string, unknown>;

/** Parses the JSON bytes of a "config" object; empty bytes are no change. */
export function parseConfigChanges(bytes: Buffer | string | undefined): ContainerConfig {
  const text = bytes === undefined ? '' : bytes.toString();
  if (text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw invalidArgument(`config changes are not valid JSON: ${(err as Error).message}`);
  }
  const parsed = ContainerConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw invalidArgument(`invalid config changes: ${parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data as ContainerConfig;
}

/** Fields of changes replace the same fields of base, as Docker's --change does. */
export function applyConfigChanges(base: ContainerConfig | undefined, changes: ContainerConfig): ContainerConfig {
  return { ...(base ?? {}), ...changes };
}
