// Every field a request schema names is a field of the Docker Engine API as its swagger defines
// it, at every depth: a misspelt or invented name would be ignored by dockerd and silently lost.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import {
  ContainerCreateBodySchema,
  ContainerUpdateBodySchema,
  ExecCreateBodySchema,
  ExecStartBodySchema,
  NetworkConnectBodySchema,
  NetworkCreateBodySchema,
  NetworkDisconnectBodySchema,
  VolumeCreateBodySchema,
} from '../src';

const SWAGGER = path.join(__dirname, '../../../../shared/ref/docker-api/swagger-v1.51.yaml');

interface SwaggerSchema {
  $ref?: string;
  allOf?: SwaggerSchema[];
  properties?: Record<string, SwaggerSchema>;
  items?: SwaggerSchema;
  additionalProperties?: SwaggerSchema | boolean;
}

const spec = parse(fs.readFileSync(SWAGGER, 'utf8')) as {
  definitions: Record<string, SwaggerSchema>;
  paths: Record<string, { post: { parameters: Array<{ in: string; schema?: SwaggerSchema }> } }>;
};

function resolve(s: SwaggerSchema): SwaggerSchema {
  if (s.$ref) return resolve(spec.definitions[s.$ref.replace('#/definitions/', '')]!);
  if (!s.allOf) return s;
  const merged = s.allOf.map(resolve);
  return { properties: Object.assign({}, ...merged.map((m) => m.properties ?? {})) };
}

function requestBody(route: string): SwaggerSchema {
  const body = spec.paths[route]!.post.parameters.find((p) => p.in === 'body');
  return resolve(body!.schema!);
}

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType>; valueType?: z.ZodType; in?: z.ZodType; options?: z.ZodType[] };
const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strips optional, nullable and default wrappers. */
function bare(s: z.ZodType): z.ZodType {
  const d = def(s);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(d.type)) return bare(d.innerType!);
  return s;
}

/** The paths of fields the zod schema names that the swagger schema does not have. */
function unknownFields(schema: z.ZodType, swagger: SwaggerSchema, at: string): string[] {
  const d = def(bare(schema));
  const sw = resolve(swagger);
  if (d.type === 'array') return sw.items ? unknownFields(d.element!, sw.items, `${at}[]`) : [];
  if (d.type === 'record') {
    const values = typeof sw.additionalProperties === 'object' ? sw.additionalProperties : undefined;
    return values ? unknownFields(d.valueType!, values, `${at}{}`) : [];
  }
  if (d.type !== 'object') return [];
  return Object.entries(d.shape!).flatMap(([key, field]) => {
    const property = sw.properties?.[key];
    return property ? unknownFields(field, property, `${at}.${key}`) : [`${at}.${key}`];
  });
}

it.each([
  ['POST /containers/create', ContainerCreateBodySchema, '/containers/create'],
  ['POST /containers/{id}/update', ContainerUpdateBodySchema, '/containers/{id}/update'],
  ['POST /containers/{id}/exec', ExecCreateBodySchema, '/containers/{id}/exec'],
  ['POST /exec/{id}/start', ExecStartBodySchema, '/exec/{id}/start'],
  ['POST /networks/create', NetworkCreateBodySchema, '/networks/create'],
  ['POST /networks/{id}/connect', NetworkConnectBodySchema, '/networks/{id}/connect'],
  ['POST /networks/{id}/disconnect', NetworkDisconnectBodySchema, '/networks/{id}/disconnect'],
  ['POST /volumes/create', VolumeCreateBodySchema, '/volumes/create'],
] as const)('%s names only fields of the API', (_name, schema, route) => {
  expect(unknownFields(schema, requestBody(route), 'body')).toEqual([]);
});

it('reaches nested objects (a wrong name deep inside is found)', () => {
  const wrong = ContainerCreateBodySchema.extend({
    HostConfig: ContainerCreateBodySchema.shape.HostConfig.unwrap().unwrap().extend({ RestartPolicy: ContainerUpdateBodySchema.shape.RestartPolicy.unwrap().unwrap().extend({ Nme: ContainerCreateBodySchema.shape.User }) }).nullish(),
  });
  expect(unknownFields(wrong, requestBody('/containers/create'), 'body')).toEqual(['body.HostConfig.RestartPolicy.Nme']);
});
