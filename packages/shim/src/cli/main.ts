import { parseArgs } from 'node:util';
import { asSkiffError } from '@skiff/errors';
import { defaultRuntimeRoot } from '../socket-address';
import { version } from '../version';
import { skipZodLocales } from '../zod-locales';

const USAGE = `usage:
  skiff-shim start  --id ID --bundle DIR [--namespace NS] [--address A] [--socket-dir DIR] [--runtime-root DIR] [--debug]
  skiff-shim delete --id ID --bundle DIR [--namespace NS] [--address A] [--runtime-root DIR]
  skiff-shim serve  --socket PATH [--namespace NS] [--runtime-root DIR] [--debug] [--ready-fd N]
  skiff-shim --version
`;

const common = {
  namespace: { type: 'string', default: 'default' },
  'runtime-root': { type: 'string' },
} as const;

function required(value: string | undefined, flag: string): string {
  if (!value) throw new Error(`--${flag} is required\n${USAGE}`);
  return value;
}

/**
 * Returns the exit code of a one-shot command, or undefined for `serve`, which runs until the
 * shim decides to exit. Heavy modules (gRPC, zod, the runtime) load only in the command that
 * needs them, zod without its locales.
 */
export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...args] = argv.slice(2);
  try {
    switch (command) {
      case '--version':
      case '-v':
        process.stdout.write(`skiff-shim ${version}\n`);
        return 0;
      case 'serve': {
        const { values } = parseArgs({ args, options: { ...common, socket: { type: 'string' }, debug: { type: 'boolean' }, 'ready-fd': { type: 'string' } } });
        const readyFd = values['ready-fd'] === undefined ? undefined : Number(values['ready-fd']);
        if (readyFd !== undefined && !(Number.isInteger(readyFd) && readyFd > 2)) throw new Error(`--ready-fd must be a file descriptor above 2, not ${values['ready-fd']}\n${USAGE}`);
        skipZodLocales();
        const { serve } = await import('../serve/serve');
        await serve({
          socket: required(values.socket, 'socket'),
          namespace: values.namespace,
          runtimeRoot: values['runtime-root'] ?? defaultRuntimeRoot(values.namespace),
          debug: values.debug ?? false,
          ...(readyFd !== undefined ? { readyFd } : {}),
        });
        return undefined;
      }
      case 'start': {
        const { values } = parseArgs({
          args,
          options: { ...common, id: { type: 'string' }, bundle: { type: 'string' }, address: { type: 'string', default: '' }, 'socket-dir': { type: 'string' }, debug: { type: 'boolean' } },
        });
        const { start } = await import('./start');
        const address = await start({
          id: required(values.id, 'id'),
          bundle: required(values.bundle, 'bundle'),
          namespace: values.namespace,
          address: values.address,
          ...(values['socket-dir'] ? { socketDir: values['socket-dir'] } : {}),
          ...(values['runtime-root'] ? { runtimeRoot: values['runtime-root'] } : {}),
          debug: values.debug ?? false,
        });
        process.stdout.write(`${address}\n`);
        return 0;
      }
      case 'delete': {
        // --address is part of the contract's command line; a lost shim's cleanup does not need it.
        const { values } = parseArgs({ args, options: { ...common, id: { type: 'string' }, bundle: { type: 'string' }, address: { type: 'string' } } });
        skipZodLocales();
        const { deleteLost } = await import('./delete');
        const response = await deleteLost({
          id: required(values.id, 'id'),
          bundle: required(values.bundle, 'bundle'),
          namespace: values.namespace,
          ...(values['runtime-root'] ? { runtimeRoot: values['runtime-root'] } : {}),
        });
        process.stdout.write(`${JSON.stringify(response)}\n`);
        return 0;
      }
      default:
        process.stderr.write(USAGE);
        return 2;
    }
  } catch (err) {
    process.stderr.write(`skiff-shim ${command}: ${asSkiffError(err).message}\n`);
    return 1;
  }
}
