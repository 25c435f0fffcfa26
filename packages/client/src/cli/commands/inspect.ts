import { isSkiffError } from '@skiff/errors';
import type { CliContext } from '../context';
import { compileTemplate, goJson } from '../template';

/** Containers first, then images, as `docker inspect` looks a name up. */
export async function inspect(ctx: CliContext, names: string[], options: { format?: string; type?: string }): Promise<number> {
  // "json" prints the array as one line, where a template prints a line per object.
  const render = options.format && options.format !== 'json' ? compileTemplate(options.format) : undefined;
  const found: unknown[] = [];
  let status = 0;
  for (const name of names) {
    let object: unknown;
    for (const kind of options.type ? [options.type] : ['container', 'image']) {
      try {
        object = kind === 'container' ? await ctx.engine.inspectContainer(name) : await ctx.engine.inspectImage(name);
        break;
      } catch (err) {
        if (!isSkiffError(err, 'NotFound')) throw err;
      }
    }
    if (object === undefined) {
      ctx.stderr.write(`Error: No such object: ${name}\n`);
      status = 1;
    } else if (render) ctx.stdout.write(`${render(object)}\n`);
    else found.push(object);
  }
  if (!render) ctx.stdout.write(`${options.format === 'json' ? goJson(found) : JSON.stringify(found, null, 4)}\n`);
  return status;
}
