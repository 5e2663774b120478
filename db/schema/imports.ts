import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { connectors } from "./connectors";
import { importKindEnum, importStatusEnum } from "./enums";
import { users } from "./users";

export interface ImportOptions {
  source: string;
  timeZone: string;
  channel?: string;
  maxBytes?: number;
}

/** One run of a file import or a connector sync, with its counts: the history the Imports page shows. */
export const imports = pgTable(
  "imports",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: importKindEnum("kind").notNull(),
    status: importStatusEnum("status").notNull().default("queued"),
    fileName: text("file_name"),
    /** Where the uploaded file is kept until the import has finished (so it can resume after a restart). */
    filePath: text("file_path"),
    connectorId: integer("connector_id").references(() => connectors.id, { onDelete: "set null" }),
    options: jsonb("options").$type<ImportOptions>().notNull(),
    allOrNothing: boolean("all_or_nothing").notNull().default(false),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    totalBytes: bigint("total_bytes", { mode: "number" }),
    bytesProcessed: bigint("bytes_processed", { mode: "number" }).notNull().default(0),
    rowsProcessed: integer("rows_processed").notNull().default(0),
    /** Rows before this line are in the database (committed with the batch that wrote them). */
    resumeLine: integer("resume_line").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** Why the whole run failed (a file that is not CSV, a connector that refused the credentials …). */
    failure: text("failure"),
  },
  (t) => [index("imports_created_idx").on(t.createdAt.desc()), index("imports_connector_idx").on(t.connectorId)],
);

/** A rejected row or record: downloadable as CSV from the Imports page. */
export const importErrors = pgTable(
  "import_errors",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    line: integer("line"),
    externalId: text("external_id"),
    field: text("field").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [index("import_errors_import_idx").on(t.importId, t.id)],
);

export type Import = typeof imports.$inferSelect;
