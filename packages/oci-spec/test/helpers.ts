import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';

// shared/ sits beside the repository checkout, both here and in CI.
export const specSchemaDir = path.resolve(__dirname, '../../../../shared/ref/oci-runtime-spec/schema');
export const fixtureDir = path.join(__dirname, 'fixtures');

export function fixtureNames(): string[] {
  return readdirSync(fixtureDir).filter((name) => name.endsWith('.json')).sort();
}

export function readFixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}

/**
 * The runtime-spec's own JSON schemas (draft-04, hence ajv-draft-04), each registered under its
 * file name because that is how they $ref one another.
 */
export function specValidators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const file of readdirSync(specSchemaDir).filter((name) => name.endsWith('.json'))) {
    let text = readFileSync(path.join(specSchemaDir, file), 'utf8');
    // defs.json 1.3.0 writes one $ref as "#definitions/uint32", which no resolver accepts; it is
    // only reachable through the vm section, but ajv resolves every $ref when compiling.
    if (file === 'defs.json') text = text.replace('"#definitions/', '"#/definitions/');
    ajv.addSchema(JSON.parse(text), file);
  }
  const get = (id: string) => {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`schema ${id} not found in ${specSchemaDir}`);
    return (value: unknown): string[] =>
      validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
  return {
    config: get('config-schema.json'),
    state: get('state-schema.json'),
    features: get('features-schema.json'),
  };
}
