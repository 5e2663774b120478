import { buildOpenApiDocument } from "../../db/ingest/openapi";

// Public on purpose, like any API's documentation: it describes the request shapes and reveals no data.
export function loader() {
  return Response.json(buildOpenApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
