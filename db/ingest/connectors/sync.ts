import type { Database } from "../../client";
import { getConnector, markSynced, readCredentials, saveCursor } from "../../queries/connectors";
import { type BatchCounts, createImport, finishImport, getImport, markImportRunning, recordBatch } from "../../queries/imports";
import type { ConnectorKind, Import } from "../../schema";
import type { RowError } from "../files/errors";
import { type IncomingConversation, incomingConversationSchema } from "../schema";
import { writeConversationBatch } from "../upsert";
import { pullFreshdesk } from "./freshdesk";
import type { HttpOptions } from "./http";
import { pullIntercom } from "./intercom";
import type { Puller } from "./types";
import { pullZendesk } from "./zendesk";

export const PULLERS: Record<ConnectorKind, Puller> = { zendesk: pullZendesk, freshdesk: pullFreshdesk, intercom: pullIntercom };

export interface SyncOptions {
  http?: HttpOptions;
  onProgress?: (counts: BatchCounts) => void;
}

/**
 * One sync of a connector, recorded as an `imports` row of kind "sync". Each page from the vendor is written in
 * one transaction with the run's counts, its rejected records and the connector's new cursor, so a sync stopped
 * at any point (rate limit given up, crash, restart) continues from the last whole page next time.
 * A malformed record is reported and skipped; it never stops the sync.
 */
export async function runConnectorSync(db: Database, connectorId: number, options: SyncOptions = {}): Promise<Import> {
  const connector = await getConnector(db, connectorId);
  if (!connector) throw new Error(`connector ${connectorId} does not exist`);
  const run = await createImport(db, { kind: "sync", connectorId, fileName: connector.name, options: { source: connector.kind, timeZone: "UTC" } });
  await markImportRunning(db, run.id);
  const total: BatchCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0, rows: 0 };
  try {
    const credentials = readCredentials(connector.credentials);
    const pages = PULLERS[connector.kind]({ subdomain: connector.subdomain, credentials, cursor: connector.cursor ?? null, http: options.http ?? {} });
    for await (const page of pages) {
      const conversations: IncomingConversation[] = [];
      const errors: RowError[] = [];
      let rejected = 0;
      for (const record of page.records) {
        if ("error" in record) {
          rejected++;
          errors.push({ line: null, field: "(record)", reason: record.error, externalId: record.externalId });
          continue;
        }
        const parsed = incomingConversationSchema.safeParse(record.input);
        if (parsed.success) conversations.push(parsed.data);
        else {
          rejected++;
          for (const issue of parsed.error.issues) errors.push({ line: null, field: issue.path.join(".") || "(record)", reason: issue.message, externalId: record.externalId });
        }
      }
      const counts: BatchCounts = { created: 0, updated: 0, unchanged: 0, rejected, rows: page.records.length };
      await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database;
        for (const result of await writeConversationBatch(tx, conversations)) counts[result.status]++;
        await recordBatch(tx, run.id, { counts, errors });
        await saveCursor(tx, connectorId, page.cursor);
      });
      for (const key of Object.keys(total) as (keyof BatchCounts)[]) total[key] += counts[key];
      options.onProgress?.({ ...total });
    }
    await finishImport(db, run.id, { status: "succeeded" });
  } catch (error) {
    await finishImport(db, run.id, { status: "failed", failure: (error as Error).message });
  }
  await markSynced(db, connectorId);
  return (await getImport(db, run.id))!;
}
