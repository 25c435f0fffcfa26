/**
 * @skiff/oci-spec (zod and its schemas) costs ~150 ms to load, more than the container work of
 * most commands. Only the commands that read a config load it: state, start, kill and delete,
 * which a shim calls for every container, never pay for it.
 */
export function ociSpec(): typeof import('@skiff/oci-spec') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@skiff/oci-spec') as typeof import('@skiff/oci-spec');
}
