import { and, desc, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { decryptSecret, encryptSecret } from "../ingest/connectors/crypto";
import type { ConnectorCursor } from "../ingest/connectors/types";
import { type ConnectorKind, connectors, imports } from "../schema";

export async function createConnector(
  db: Database,
  values: { kind: ConnectorKind; name: string; subdomain: string | null; credentials: Record<string, string>; scheduleMinutes: number | null },
) {
  const [row] = await db
    .insert(connectors)
    .values({
      kind: values.kind,
      name: values.name,
      subdomain: values.subdomain,
      credentials: encryptSecret(JSON.stringify(values.credentials)),
      scheduleMinutes: values.scheduleMinutes,
      nextRunAt: values.scheduleMinutes ? new Date() : null,
    })
    .returning({ id: connectors.id });
  return row;
}

export async function updateConnector(
  db: Database,
  id: number,
  values: { name: string; subdomain: string | null; credentials?: Record<string, string>; scheduleMinutes: number | null },
) {
  await db
    .update(connectors)
    .set({
      name: values.name,
      subdomain: values.subdomain,
      scheduleMinutes: values.scheduleMinutes,
      nextRunAt: values.scheduleMinutes ? sql`coalesce(${connectors.nextRunAt}, now())` : null,
      ...(values.credentials ? { credentials: encryptSecret(JSON.stringify(values.credentials)) } : {}),
    })
    .where(eq(connectors.id, id));
}

export async function deleteConnector(db: Database, id: number) {
  await db.delete(connectors).where(eq(connectors.id, id));
}

export async function getConnector(db: Database, id: number) {
  const [row] = await db.select().from(connectors).where(eq(connectors.id, id));
  return row ?? null;
}

export function readCredentials(sealed: string): Record<string, string> {
  return JSON.parse(decryptSecret(sealed)) as Record<string, string>;
}

/** Connectors for the admin page: never their credentials; with their latest sync run. */
export async function listConnectors(db: Database) {
  const rows = await db
    .select({
      id: connectors.id,
      kind: connectors.kind,
      name: connectors.name,
      subdomain: connectors.subdomain,
      scheduleMinutes: connectors.scheduleMinutes,
      nextRunAt: connectors.nextRunAt,
      lastRunAt: connectors.lastRunAt,
    })
    .from(connectors)
    .orderBy(connectors.name);
  const latest = await db
    .selectDistinctOn([imports.connectorId], {
      connectorId: imports.connectorId,
      id: imports.id,
      status: imports.status,
      created: imports.created,
      updated: imports.updated,
      unchanged: imports.unchanged,
      rejected: imports.rejected,
      errorCount: imports.errorCount,
      failure: imports.failure,
      createdAt: imports.createdAt,
    })
    .from(imports)
    .where(isNotNull(imports.connectorId))
    .orderBy(imports.connectorId, desc(imports.id));
  return rows.map((row) => ({ ...row, lastSync: latest.find((run) => run.connectorId === row.id) ?? null }));
}

export async function dueConnectors(db: Database, now = new Date()) {
  return db
    .select({ id: connectors.id })
    .from(connectors)
    .where(and(isNotNull(connectors.scheduleMinutes), lte(connectors.nextRunAt, now)));
}

export async function saveCursor(tx: Database, id: number, cursor: ConnectorCursor) {
  await tx.update(connectors).set({ cursor }).where(eq(connectors.id, id));
}

/** After a run, successful or not: the next scheduled run counts from now. */
export async function markSynced(db: Database, id: number) {
  await db
    .update(connectors)
    .set({
      lastRunAt: new Date(),
      nextRunAt: sql`case when ${connectors.scheduleMinutes} is null then null else now() + make_interval(mins => ${connectors.scheduleMinutes}) end`,
    })
    .where(eq(connectors.id, id));
}
