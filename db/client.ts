import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers' databases and their transactions share this type, so queries take either. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  /** Where the data lives, for messages: the PGlite folder or the server URL without password. */
  location: string;
  /** Bulk load with COPY (text format): the fast path for demo data and large imports. */
  copyFrom(table: string, columns: readonly string[], text: string): Promise<void>;
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function copyStatement(table: string, columns: readonly string[], from: string): string {
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`bad identifier for COPY: ${name}`);
  return `COPY ${table} (${columns.join(", ")}) FROM ${from}`;
}

export const MIGRATIONS_FOLDER = path.resolve(process.env.MIGRATIONS_DIR ?? "db/migrations");

export async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  if (dataDir && !existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    driver: "pglite",
    location: dataDir ?? "memory",
    async copyFrom(table, columns, text) {
      await client.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
    },
    close: () => client.close(),
  };
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // The app's queries are short; PostgreSQL's JIT spent more compiling them (160 ms of a 340 ms sampling count) than it saved.
    connection: { application_name: "calidad-qa", jit: "off" },
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  await migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    driver: "postgres",
    location: redactUrl(url),
    async copyFrom(table, columns, text) {
      const stream = await client.unsafe(copyStatement(table, columns, "STDIN")).writable();
      await new Promise<void>((resolve, reject) => {
        stream.on("error", reject);
        stream.on("finish", resolve);
        stream.end(text);
      });
    },
    close: () => client.end({ timeout: 5 }),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparseable url)";
  }
}

/** Opens the database the environment names: DATABASE_URL, else PGlite in DATA_DIR (default ./.data). */
export function openFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openPglite(path.resolve(env.DATA_DIR ?? ".data", "pglite"));
}

// The handle lives on globalThis so that the server script, the Remix build and Vite's hot reload
// all share one connection (only one process may open a PGlite folder).
const globalStore = globalThis as typeof globalThis & { __qaDatabase?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalStore.__qaDatabase) {
    globalStore.__qaDatabase = openFromEnv().catch((error: unknown) => {
      globalStore.__qaDatabase = undefined;
      throw error;
    });
  }
  return globalStore.__qaDatabase;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Tests and scripts install a handle they opened themselves. */
export function setDatabaseHandle(handle: DatabaseHandle | undefined): void {
  globalStore.__qaDatabase = handle ? Promise.resolve(handle) : undefined;
}

export async function closeDatabase(): Promise<void> {
  const pending = globalStore.__qaDatabase;
  globalStore.__qaDatabase = undefined;
  if (pending) await (await pending).close();
}
