import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import type { DiscoveryService, Reflector } from '@nestjs/core';
import { z } from 'zod';
import { ZProblemSchema } from '@persona/shared';
import { CONTRACT, type RouteContract } from '../contract/contract.decorator.js';

type JsonSchema = Record<string, unknown>;

/**
 * Collects JSON Schemas for the document. Named zod schemas (`.meta({ id })`) become shared
 * components; where a schema's request (input) shape differs from its response (output) shape,
 * the input one is named `<id>.input`.
 */
class ComponentRegistry {
  readonly schemas: Record<string, JsonSchema> = {};

  toRef(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const { $defs = {}, $schema: _, ...root } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    const renames = new Map<string, string>();
    for (const [id, def] of Object.entries($defs)) {
      const existing = this.schemas[id];
      const name = existing && JSON.stringify(existing) !== JSON.stringify(def) && io === 'input' ? `${id}.input` : id;
      renames.set(id, name);
    }
    const rewrite = (value: JsonSchema): JsonSchema =>
      JSON.parse(
        JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => `"#/components/schemas/${renames.get(id) ?? id}"`),
      ) as JsonSchema;
    for (const [id, def] of Object.entries($defs)) this.schemas[renames.get(id)!] = rewrite(def);
    return rewrite(root);
  }
}

function openApiPath(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment))
    .join('/');
  return `/${joined}`;
}

function parametersOf(schema: z.ZodObject | undefined, location: 'path' | 'query', registry: ComponentRegistry) {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: location,
    required: location === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: registry.toRef(field as z.ZodType, 'input'),
  }));
}

/** Builds the OpenAPI 3.1 document from the route contracts, so docs cannot drift from validation. */
export function buildOpenApiDocument(discovery: DiscoveryService, reflector: Reflector, version: string) {
  const registry = new ComponentRegistry();
  const problem = registry.toRef(ZProblemSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};

  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller) continue;
    const base = (reflector.get<string>(PATH_METADATA, controller) ?? '') as string;
    const tag = base.replace(/^v1\/?/, '') || 'health';
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name as keyof object] as unknown;
      if (typeof handler !== 'function') continue;
      const contract = reflector.get<RouteContract | undefined>(CONTRACT, handler);
      if (!contract) continue;
      const method = RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, handler)].toLowerCase();
      const path = openApiPath(base, reflector.get<string>(PATH_METADATA, handler) ?? '');
      const status = String(contract.status ?? 200);
      const success = contract.response
        ? { description: 'OK', content: { 'application/json': { schema: registry.toRef(contract.response, 'output') } } }
        : contract.responseContentType
          ? { description: 'OK', content: { [contract.responseContentType]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: 'No content' };
      const requestBody = contract.body
        ? { required: true, content: { 'application/json': { schema: registry.toRef(contract.body, 'input') } } }
        : contract.rawBody
          ? {
              required: true,
              description: contract.rawBody.description,
              content: Object.fromEntries(
                contract.rawBody.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
              ),
            }
          : undefined;
      paths[path] ??= {};
      paths[path][method] = {
        tags: [tag],
        summary: contract.summary,
        operationId: `${tag.replace(/\W+/g, '_')}_${name}`,
        ...(contract.roles === 'public'
          ? { security: [] }
          : { description: `Roles: ${contract.roles.join(', ')}.` }),
        // Machine-readable for clients and for the authorization matrix test: 'public' or the roles allowed.
        'x-roles': contract.roles,
        parameters: [
          ...parametersOf(contract.params, 'path', registry),
          ...parametersOf(contract.query, 'query', registry),
        ],
        ...(requestBody ? { requestBody } : {}),
        responses: {
          [status]: success,
          '4XX': { description: 'Problem', content: { 'application/problem+json': { schema: problem } } },
        },
      };
    }
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Persona platform API',
      version,
      description: 'Ranks items for each user, generates per-segment variants, and delivers them.',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      schemas: registry.schemas,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: "Authorization: Bearer pk_..."' } },
    },
  };
}
