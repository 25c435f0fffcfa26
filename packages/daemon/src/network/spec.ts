import type { RuntimeConfig } from '@skiff/oci-spec';

/** The spec with its network namespace joined by path (the runtime setns()es into it). */
export function withNetns(spec: RuntimeConfig, netnsPath: string): RuntimeConfig {
  const namespaces = (spec.linux?.namespaces ?? []).filter((ns) => ns.type !== 'network');
  spec.linux = { ...spec.linux, namespaces: [...namespaces, { type: 'network', path: netnsPath }] };
  return spec;
}
