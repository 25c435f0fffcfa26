import type { CliContext } from '../context';
import { version as clientVersion } from '../../version';
import { objectFormat } from '../format';
import { renderTemplate } from '../template';

export async function version(ctx: CliContext, options: { format?: string }): Promise<number> {
  const apiVersion = await ctx.engine.version();
  const server = await ctx.engine.serverVersion();
  const client = { Version: clientVersion, ApiVersion: apiVersion, NodeVersion: process.version, Os: process.platform, Arch: process.arch };
  if (options.format) {
    ctx.stdout.write(`${renderTemplate(objectFormat(options.format), { Client: client, Server: server })}\n`);
    return 0;
  }
  const row = (indent: string, label: string, value: string | undefined, width: number) =>
    value === undefined ? '' : `${indent}${`${label}:`.padEnd(width)}${value}\n`;
  let text = 'Client: Skiff\n';
  text += row(' ', 'Version', client.Version, 19);
  text += row(' ', 'API version', client.ApiVersion, 19);
  text += row(' ', 'Node version', client.NodeVersion, 19);
  text += row(' ', 'OS/Arch', `${client.Os}/${client.Arch}`, 19);
  text += `\nServer:${server.Platform?.Name ? ` ${server.Platform.Name}` : ''}\n`;
  text += ' Engine:\n';
  text += row('  ', 'Version', server.Version, 18);
  text += row('  ', 'API version', `${server.ApiVersion}${server.MinAPIVersion ? ` (minimum version ${server.MinAPIVersion})` : ''}`, 18);
  text += row('  ', 'Go version', server.GoVersion, 18);
  text += row('  ', 'Git commit', server.GitCommit, 18);
  text += row('  ', 'Built', server.BuildTime, 18);
  text += row('  ', 'OS/Arch', `${server.Os}/${server.Arch}`, 18);
  for (const component of server.Components ?? []) {
    if (component.Name === 'Engine') continue;
    text += ` ${component.Name}:\n`;
    text += row('  ', 'Version', component.Version, 18);
    const commit = component.Details?.GitCommit;
    if (typeof commit === 'string') text += row('  ', 'GitCommit', commit, 18);
  }
  ctx.stdout.write(text);
  return 0;
}
