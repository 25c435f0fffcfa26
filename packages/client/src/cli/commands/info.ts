// docker info: the client's lines, then the daemon's, printed line for line as the docker CLI 28
// prints them (its conditions for optional lines included), and the daemon's warnings on stderr.
import type { Info } from '@skiff/engine-api';
import { version } from '../../version';
import type { CliContext } from '../context';
import { bytesSize, objectFormat } from '../format';
import { renderTemplate } from '../template';

/** The client part: skiff has one context, the daemon named by -H or DOCKER_HOST. */
function clientLines(): string[] {
  return ['Client:', ` Version:    ${version}`, ' Context:    default', ' Debug Mode: false'];
}

/** "name=seccomp,profile=builtin" → the name and its key=value options, as the CLI decodes them. */
function securityOptions(options: string[]): Array<{ name: string; options: Array<[string, string]> }> {
  return options.map((option) => {
    const fields = option.split(',').map((f) => {
      const i = f.indexOf('=');
      return i < 0 ? ([f, ''] as [string, string]) : ([f.slice(0, i), f.slice(i + 1)] as [string, string]);
    });
    const name = fields.find(([k]) => k === 'name')?.[1] ?? '';
    return { name, options: fields.filter(([k]) => k !== 'name') };
  });
}

function serverLines(i: Info): string[] {
  const out: string[] = ['Server:'];
  // Go's Println puts a space between its operands, so an empty value leaves "Key: ".
  const line = (key: string, value: string | number | boolean) => out.push(`${key} ${value}`);
  const nonEmpty = (key: string, value: string | undefined) => {
    if (value) out.push(`${key} ${value}`);
  };
  line(' Containers:', i.Containers);
  line('  Running:', i.ContainersRunning);
  line('  Paused:', i.ContainersPaused);
  line('  Stopped:', i.ContainersStopped);
  line(' Images:', i.Images);
  nonEmpty(' Server Version:', i.ServerVersion);
  nonEmpty(' Storage Driver:', i.Driver);
  for (const [k, v] of i.DriverStatus ?? []) out.push(`  ${k}: ${v}`);
  nonEmpty(' Logging Driver:', i.LoggingDriver);
  nonEmpty(' Cgroup Driver:', i.CgroupDriver);
  nonEmpty(' Cgroup Version:', i.CgroupVersion);
  out.push(' Plugins:');
  line('  Volume:', (i.Plugins?.Volume ?? []).join(' '));
  line('  Network:', (i.Plugins?.Network ?? []).join(' '));
  if (i.Plugins?.Authorization?.length) line('  Authorization:', i.Plugins.Authorization.join(' '));
  line('  Log:', (i.Plugins?.Log ?? []).join(' '));
  if (i.CDISpecDirs?.length) {
    out.push(' CDI spec directories:');
    for (const dir of i.CDISpecDirs) out.push(`  ${dir}`);
  }
  line(' Swarm:', i.Swarm?.LocalNodeState ?? '');
  const runtimes = Object.keys(i.Runtimes ?? {}).sort();
  if (runtimes.length > 0) {
    line(' Runtimes:', runtimes.join(' '));
    line(' Default Runtime:', i.DefaultRuntime ?? '');
  }
  if (i.OSType === 'linux') {
    line(' Init Binary:', i.InitBinary ?? '');
    for (const [name, commit] of [['containerd', i.ContainerdCommit], ['runc', i.RuncCommit], ['init', i.InitCommit]] as const) {
      const id = commit?.ID ?? '';
      const expected = commit?.Expected;
      out.push(` ${name} version: ${id}${expected !== undefined && expected !== id ? ` (expected: ${expected})` : ''}`);
    }
    if (i.SecurityOptions?.length) {
      out.push(' Security Options:');
      for (const so of securityOptions(i.SecurityOptions)) {
        out.push(`  ${so.name}`);
        for (const [k, v] of so.options) out.push(k === 'profile' ? `   Profile: ${v}` : `   ${k}: ${v}`);
      }
    }
  }
  nonEmpty(' Kernel Version:', i.KernelVersion);
  nonEmpty(' Operating System:', i.OperatingSystem);
  nonEmpty(' OSType:', i.OSType);
  nonEmpty(' Architecture:', i.Architecture);
  line(' CPUs:', i.NCPU ?? 0);
  line(' Total Memory:', bytesSize(i.MemTotal ?? 0));
  nonEmpty(' Name:', i.Name);
  nonEmpty(' ID:', i.ID);
  line(' Docker Root Dir:', i.DockerRootDir ?? '');
  line(' Debug Mode:', i.Debug ?? false);
  nonEmpty(' HTTP Proxy:', i.HttpProxy);
  nonEmpty(' HTTPS Proxy:', i.HttpsProxy);
  nonEmpty(' No Proxy:', i.NoProxy);
  if (i.Labels?.length) {
    out.push(' Labels:');
    for (const label of i.Labels) out.push(`  ${label}`);
  }
  line(' Experimental:', i.ExperimentalBuild ?? false);
  const registry = i.RegistryConfig;
  if (registry && ((registry.InsecureRegistryCIDRs?.length ?? 0) > 0 || Object.keys(registry.IndexConfigs ?? {}).length > 0)) {
    const insecureIndexes = Object.values(registry.IndexConfigs ?? {}).filter((c) => !c.Secure);
    out.push(' Insecure Registries:');
    for (const c of insecureIndexes) out.push(`  ${c.Name}`);
    for (const cidr of registry.InsecureRegistryCIDRs ?? []) out.push(`  ${cidr}`);
  }
  if (registry?.Mirrors?.length) {
    out.push(' Registry Mirrors:');
    for (const m of registry.Mirrors) out.push(`  ${m}`);
  }
  line(' Live Restore Enabled:', i.LiveRestoreEnabled ?? false);
  if (i.DefaultAddressPools?.length) {
    out.push(' Default Address Pools:');
    for (const p of i.DefaultAddressPools) out.push(`   Base: ${p.Base}, Size: ${p.Size}`);
  }
  return out;
}

export async function info(ctx: CliContext, options: { format?: string }): Promise<number> {
  const i = await ctx.engine.info();
  if (options.format) {
    ctx.stdout.write(`${renderTemplate(objectFormat(options.format), i)}\n`);
    return 0;
  }
  ctx.stdout.write(`${[...clientLines(), '', ...serverLines(i)].join('\n')}\n\n`);
  for (const warning of i.Warnings ?? []) ctx.stderr.write(`${warning}\n`);
  return 0;
}
