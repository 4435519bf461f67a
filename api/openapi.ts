import { z } from 'zod';
import type { Route } from './route.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(s: z.ZodType): JsonSchema {
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const errorResponse = {
  description: 'Error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              details: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { field: { type: 'string' }, reason: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** The OpenAPI 3.1 document, generated from the same route table that serves the API. */
export function buildOpenApi(routes: Route[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `/api/v1${r.path.replace(/:(\w+)/g, '{$1}')}`;
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = r.query ? schemaOf(r.query) : undefined;
    const queryParams = query
      ? Object.entries((query.properties ?? {}) as Record<string, JsonSchema>).map(
          ([name, schema]) => ({
            name,
            in: 'query',
            required: ((query.required as string[] | undefined) ?? []).includes(name),
            schema,
          }),
        )
      : [];
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      'x-roles': r.roles,
      security: r.roles === 'public' ? [] : [{ bearer: [] }, { session: [] }],
      parameters: [...params, ...queryParams],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(r.body) } },
            },
          }
        : {}),
      responses: {
        [String(r.status ?? 200)]: { description: 'Success' },
        '4XX': errorResponse,
      },
    };
  }
  paths['/api/v1/ingest'] = {
    post: {
      summary:
        'Signed webhook: mentions pushed by a webhook source, and posts deleted on their platform ' +
        '(`deleted`). Headers X-Ecoute-Source, ' +
        'X-Ecoute-Timestamp (Unix seconds), X-Ecoute-Signature (v1=hex HMAC-SHA256 of "timestamp.body")',
      tags: ['ingestion'],
      security: [],
      responses: {
        '202': { description: 'Stored' },
        '200': { description: 'Event already received' },
        '401': errorResponse,
        '503': errorResponse,
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Écoute API', version },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key from `ecoute keys create`',
        },
        session: { type: 'apiKey', in: 'cookie', name: 'ecoute_session' },
      },
    },
    paths,
  };
}
