import * as fs from 'node:fs';
import * as path from 'node:path';

/** The package's version; package.json is one level above src/ and dist/ alike. */
export const version: string = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
