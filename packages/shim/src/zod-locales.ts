import Module from 'node:module';

/**
 * zod's entry points require all of its ~50 locales (`z.locales`) when they load; Skiff sets
 * none, and zod's default English messages come from the one locale it requires directly. Before
 * zod first loads, this puts a module holding just that locale where the locales' index would be
 * in require's cache: ~60 ms less in each shim's start-up, which a `docker run -d` waits for once
 * the warm pool is drained. Unchanged when zod is already loaded or laid out differently.
 */
export function skipZodLocales(): void {
  let index: string;
  let en: unknown;
  try {
    index = require.resolve('zod/v4/locales');
    if (require.cache[index]) return;
    en = (require('zod/v4/locales/en.cjs') as { default: unknown }).default;
  } catch {
    return;
  }
  const stub = new Module(index);
  stub.filename = index;
  stub.loaded = true;
  stub.exports = { en };
  require.cache[index] = stub;
}
