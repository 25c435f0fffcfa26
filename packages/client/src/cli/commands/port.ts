import type { CliContext } from '../context';

type Bindings = Record<string, Array<{ HostIp?: string; HostPort?: string }> | null>;

function hostAddress(binding: { HostIp?: string; HostPort?: string }): string {
  const ip = binding.HostIp || '0.0.0.0';
  return ip.includes(':') ? `[${ip}]:${binding.HostPort}` : `${ip}:${binding.HostPort}`;
}

/**
 * docker port: every published port as "80/tcp -> 0.0.0.0:8080", or the host addresses of one
 * private port ("80" means 80/tcp).
 */
export async function port(ctx: CliContext, container: string, privatePort?: string): Promise<number> {
  const inspect = (await ctx.engine.inspectContainer(container)) as { NetworkSettings?: { Ports?: Bindings | null } };
  const ports = inspect.NetworkSettings?.Ports ?? {};
  if (privatePort !== undefined) {
    const key = privatePort.includes('/') ? privatePort : `${privatePort}/tcp`;
    const bindings = ports[key];
    if (!bindings?.length) {
      ctx.stderr.write(`Error: No public port '${privatePort}' published for ${container}\n`);
      return 1;
    }
    for (const binding of bindings) ctx.stdout.write(`${hostAddress(binding)}\n`);
    return 0;
  }
  const keys = Object.keys(ports).sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b));
  for (const key of keys) for (const binding of ports[key] ?? []) ctx.stdout.write(`${key} -> ${hostAddress(binding)}\n`);
  return 0;
}
