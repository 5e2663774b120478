import { z } from "zod";
import { MAX_CONVERSATIONS_PER_REQUEST, errorResponseSchema, ingestRequestDocSchema, ingestResponseSchema, storedConversationSchema } from "./api";

type JsonSchema = Record<string, unknown>;

/** zod's JSON Schema for one schema, with its named sub-schemas moved to components/schemas. */
function collect(schema: z.ZodType, components: Record<string, JsonSchema>, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "openapi-3.0", io }) as JsonSchema & {
    definitions?: Record<string, JsonSchema>;
    $defs?: Record<string, JsonSchema>;
  };
  const definitions = { ...(json.definitions ?? {}), ...(json.$defs ?? {}) };
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      const entries = Object.entries(value as Record<string, unknown>).map(([key, inner]) => {
        if (key === "$ref" && typeof inner === "string") return [key, inner.replace(/^#\/(definitions|\$defs)\//, "#/components/schemas/")];
        return [key, rewrite(inner)];
      });
      return Object.fromEntries(entries);
    }
    return value;
  };
  for (const [name, definition] of Object.entries(definitions)) components[name] = rewrite(definition) as JsonSchema;
  const { definitions: _d, $defs: _defs, $schema: _schema, ...root } = json;
  return rewrite(root) as JsonSchema;
}

/** The ingest API's OpenAPI 3.0 document, generated from the zod schemas that validate the requests. */
export function buildOpenApiDocument(): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  const ref = (schema: z.ZodType, io: "input" | "output") => collect(schema, components, io);
  const json = (schema: JsonSchema) => ({ "application/json": { schema } });
  const errorResponse = (description: string) => ({ description, content: json(ref(errorResponseSchema, "output")) });
  return {
    openapi: "3.0.3",
    info: {
      title: "Calidad QA ingest API",
      version: "1.0.0",
      description:
        "Send conversations with their messages; they are validated, then created or updated by source + externalId (sending the same data twice changes nothing). See docs/data-formats.md.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerToken: [] }],
    paths: {
      "/api/v1/conversations": {
        post: {
          operationId: "ingestConversations",
          summary: `Create or update up to ${MAX_CONVERSATIONS_PER_REQUEST} conversations`,
          description:
            "Each conversation is validated on its own: invalid ones are answered `rejected` with the field and reason, the others are written together in one transaction.",
          requestBody: { required: true, content: json(ref(ingestRequestDocSchema, "input")) },
          responses: {
            "200": { description: "One result per conversation, in request order.", content: json(ref(ingestResponseSchema, "output")) },
            "400": errorResponse("The body is not JSON, or not `{conversations: [...]}` with 1 to 500 items."),
            "401": errorResponse("Missing, invalid or revoked token."),
            "413": errorResponse("The body is larger than the limit."),
          },
        },
      },
      "/api/v1/conversations/{source}/{externalId}": {
        get: {
          operationId: "getConversation",
          summary: "Read one conversation back with its messages",
          parameters: [
            { name: "source", in: "path", required: true, schema: { type: "string" } },
            { name: "externalId", in: "path", required: true, schema: { type: "string" } },
          ],
          responses: {
            "200": { description: "The conversation as stored.", content: json(ref(storedConversationSchema, "output")) },
            "401": errorResponse("Missing, invalid or revoked token."),
            "404": errorResponse("No conversation with this source and id."),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "A token created by an admin on the API tokens page." } },
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
