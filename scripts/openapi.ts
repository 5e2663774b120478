import { writeFileSync } from "node:fs";
import { buildOpenApiDocument } from "../db/ingest/openapi";

/** Writes docs/openapi.json from the zod schemas (a test fails when the committed file is out of date). */
writeFileSync("docs/openapi.json", `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log("docs/openapi.json written");
