import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { z } from 'zod';
import { ZProblemSchema } from '@persona/shared';
import { CONTRACT, type RouteContract } from '../contract/contract.decorator.js';

/** The API's version, as the document states it. */
export const API_VERSION = '0.1.0';

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

type ModuleLike = Type | DynamicModule | Promise<DynamicModule> | { forwardRef: () => unknown };

/**
 * The controllers of a module tree, read from Nest's module metadata without instantiating
 * anything: the document can then be built with no database, Redis or listening server.
 */
export function controllersOf(modules: readonly ModuleLike[]): Type[] {
  const seen = new Set<unknown>();
  const found = new Set<Type>();
  const visit = (entry: ModuleLike) => {
    if (!entry || entry instanceof Promise || 'forwardRef' in entry || seen.has(entry)) return;
    seen.add(entry);
    const moduleClass = 'module' in entry ? entry.module : entry;
    const dynamic = 'module' in entry ? entry : undefined;
    const read = <T>(key: string) => [
      ...((Reflect.getMetadata(key, moduleClass) as T[] | undefined) ?? []),
      ...(((dynamic as Record<string, unknown> | undefined)?.[key] as T[] | undefined) ?? []),
    ];
    for (const controller of read<Type>(MODULE_METADATA.CONTROLLERS)) found.add(controller);
    for (const imported of read<ModuleLike>(MODULE_METADATA.IMPORTS)) visit(imported);
  };
  modules.forEach(visit);
  return [...found];
}

/** `ApiKeysController` → `apiKeys` (operation ids) and `api-keys` (tags). */
function controllerNames(controller: Type): { id: string; tag: string } {
  const base = controller.name.replace(/Controller$/, '');
  return {
    id: base.charAt(0).toLowerCase() + base.slice(1),
    tag: base.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase(),
  };
}

/**
 * Builds the OpenAPI 3.1 document from the route contracts, so docs cannot drift from validation.
 * Operation ids are `<controller>_<handler>` (e.g. `variants_listForItem`): unique by construction
 * and stable, since generated clients are keyed by them.
 */
export function buildOpenApiDocument(controllers: readonly Type[], version = API_VERSION) {
  const reflector = new Reflector();
  const registry = new ComponentRegistry();
  const problem = registry.toRef(ZProblemSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};

  for (const controller of controllers) {
    const base = (reflector.get<string>(PATH_METADATA, controller) ?? '') as string;
    const { id, tag } = controllerNames(controller);
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name as keyof object] as unknown;
      if (typeof handler !== 'function') continue;
      const contract = reflector.get<RouteContract | undefined>(CONTRACT, handler as () => unknown);
      if (!contract) continue;
      const method = RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, handler as () => unknown)].toLowerCase();
      const path = openApiPath(base, reflector.get<string>(PATH_METADATA, handler as () => unknown) ?? '');
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
        operationId: `${id}_${name}`,
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
