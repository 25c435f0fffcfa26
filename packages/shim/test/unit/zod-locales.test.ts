import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// In a fresh Node process: jest keeps a module registry of its own, which require.cache does not feed.
function inFreshNode(script: string): string {
  const dist = path.resolve(__dirname, '../../dist/zod-locales.js');
  const r = spawnSync(process.execPath, ['-e', `const { skipZodLocales } = require(${JSON.stringify(dist)});\n${script}`], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

test('zod loads with its English locale only, and still speaks English', () => {
  const out = inFreshNode(`
    skipZodLocales();
    const { z } = require('zod');
    console.log(JSON.stringify([Object.keys(z.locales).filter((k) => k !== 'default'), z.string().safeParse(1).error.issues[0].message]));
  `);
  expect(JSON.parse(out)).toEqual([['en'], 'Invalid input: expected string, received number']);
});

test('changes nothing once zod is loaded', () => {
  const out = inFreshNode(`
    const { z } = require('zod');
    skipZodLocales();
    console.log(Object.keys(z.locales).length > 10);
  `);
  expect(out).toBe('true');
});
