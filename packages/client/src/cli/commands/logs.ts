import { demultiplex } from '../../sdk/stdcopy';
import type { CliContext } from '../context';

export async function logs(ctx: CliContext, container: string, options: { follow?: boolean; timestamps?: boolean; tail?: string }): Promise<number> {
  const { Config } = await ctx.engine.inspectContainer(container);
  const stream = await ctx.engine.containerLogs(container, { follow: options.follow, timestamps: options.timestamps, tail: options.tail });
  if (Config.Tty) {
    for await (const chunk of stream) ctx.stdout.write(chunk as Buffer);
  } else await demultiplex(stream, ctx.stdout, ctx.stderr);
  return 0;
}
