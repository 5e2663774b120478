import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  MaxPartSizeExceededError,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { isTimeZone } from "../../db/ingest/files/dates";
import { DEFAULT_MAX_BYTES, formatBytes } from "../../db/ingest/files/limits";
import { liveProgress, startFileImport, uploadsDirectory } from "../../db/ingest/jobs";
import { sourceSchema } from "../../db/ingest/schema";
import { createImport, listImports } from "../../db/queries/imports";
import { CHANNELS } from "../../db/schema/enums";
import { ROLE_GROUPS, requireRole } from "../auth/guards.server";
import { env } from "../env.server";
import { useDates } from "../hooks";
import { resolveLocale } from "../locale.server";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Imports" }];

const COMMON_TIME_ZONES = [
  "UTC",
  "Europe/Madrid",
  "Atlantic/Canary",
  "Europe/London",
  "America/Mexico_City",
  "America/Bogota",
  "America/Argentina/Buenos_Aires",
  "America/New_York",
];

function maxBytes(): number {
  return Number(process.env.IMPORT_MAX_BYTES) || DEFAULT_MAX_BYTES;
}

const uploadSchema = z.object({
  timeZone: z.string().trim().refine(isTimeZone, "not an IANA time zone such as Europe/Madrid"),
  source: sourceSchema,
  channel: z.union([z.enum(CHANNELS), z.literal("").transform(() => undefined)]),
  allOrNothing: z.literal("on").optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ROLE_GROUPS.admins);
  const runs = await listImports(await getDb());
  return {
    runs: runs.map((run) => ({ ...run, live: liveProgress(run.id) ?? null })),
    running: runs.some((run) => run.status === "running" || run.status === "queued"),
    defaultTimeZone: env().APP_TIMEZONE,
    timeZones: COMMON_TIME_ZONES,
    maxBytes: maxBytes(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ROLE_GROUPS.admins);
  const directory = uploadsDirectory();
  await mkdir(directory, { recursive: true });
  const storedName = randomUUID();
  let originalName = "upload";
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        unstable_createFileUploadHandler({
          directory,
          maxPartSize: maxBytes(),
          file: ({ filename }) => {
            originalName = path.basename(filename).slice(0, 200);
            return `${storedName}${path.extname(filename).toLowerCase().slice(0, 8)}`;
          },
        }),
        unstable_createMemoryUploadHandler({ maxPartSize: 10_000 }),
      ),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false as const, errors: { file: "imports.tooLarge" } };
    throw error;
  }
  const file = formData.get("file");
  if (!file || typeof file === "string" || !("getFilePath" in file) || file.size === 0)
    return { ok: false as const, errors: { file: "imports.noFile" } };
  const parsed = parseFormData(uploadSchema, formData, resolveLocale(request, admin.locale));
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  const db = await getDb();
  const fileName = originalName;
  const run = await createImport(db, {
    kind: fileName.toLowerCase().endsWith(".jsonl") || fileName.toLowerCase().endsWith(".ndjson") ? "jsonl" : "csv",
    fileName,
    filePath: (file as unknown as { getFilePath(): string }).getFilePath(),
    options: { source: parsed.data.source, timeZone: parsed.data.timeZone, channel: parsed.data.channel },
    allOrNothing: parsed.data.allOrNothing === "on",
    createdBy: admin.id,
  });
  startFileImport(db, run.id);
  return redirect(`/admin/imports?started=${run.id}`);
}

export default function Imports() {
  const { runs, running, defaultTimeZone, timeZones, maxBytes: limit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const translate = (message: string | undefined) =>
    message?.startsWith("imports.") ? t(message, { limit: formatBytes(limit) }) : message;

  // While a run is going, poll its row: the import itself runs on the server whether this page is open or not.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("imports.title")}</h1>
          <p>{t("imports.subtitle")}</p>
        </div>
      </div>
      {searchParams.get("started") && running ? (
        <div className="page-alerts">
          <div className="alert alert-success" role="status">
            {t("imports.started")}
          </div>
        </div>
      ) : null}
      <div className="stack">
        <div className="card">
          <div className="card-body">
            <h2>{t("imports.upload")}</h2>
            <Form method="post" encType="multipart/form-data" className="grid-form">
              <div style={{ gridColumn: "1 / -1" }}>
                <DropZone error={translate(errors.file)} />
              </div>
              <div className="field">
                <label htmlFor="timeZone">{t("imports.timeZone")}</label>
                <input id="timeZone" name="timeZone" type="text" list="time-zones" defaultValue={defaultTimeZone} required />
                <datalist id="time-zones">
                  {timeZones.map((zone) => (
                    <option key={zone} value={zone} />
                  ))}
                </datalist>
                {errors.timeZone ? <span className="field-error">{errors.timeZone}</span> : null}
              </div>
              <div className="field">
                <label htmlFor="source">{t("imports.source")}</label>
                <input id="source" name="source" type="text" defaultValue="csv" required title={t("imports.sourceHint")} />
                {errors.source ? <span className="field-error">{errors.source}</span> : null}
              </div>
              <div className="field">
                <label htmlFor="channel">{t("imports.defaultChannel")}</label>
                <select id="channel" name="channel" defaultValue="">
                  <option value="">{t("imports.noDefault")}</option>
                  {CHANNELS.map((channel) => (
                    <option key={channel} value={channel}>
                      {t(`channels.${channel}`)}
                    </option>
                  ))}
                </select>
              </div>
              <label className="check" style={{ gridColumn: "1 / -1" }}>
                <input type="checkbox" name="allOrNothing" /> {t("imports.allOrNothing")}
              </label>
              <div>
                <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
                  {t("imports.start")}
                </button>
              </div>
            </Form>
          </div>
        </div>
        <div className="card">
          <div className="card-body">
            <h2>{t("imports.samples")}</h2>
            <p className="muted">{t("imports.samplesHint")}</p>
            <div className="sample-links">
              <a className="btn btn-secondary btn-small" href="/samples/conversations.csv" download>
                {t("imports.sampleCsv")}
              </a>
              <a className="btn btn-secondary btn-small" href="/samples/conversations-es.csv" download>
                {t("imports.sampleCsvEs")}
              </a>
              <a className="btn btn-secondary btn-small" href="/samples/conversations.jsonl" download>
                {t("imports.sampleJsonl")}
              </a>
            </div>
          </div>
        </div>
      </div>
      <div className="card">
        <div className="card-body">
          <h2>{t("imports.history")}</h2>
        </div>
        {runs.length === 0 ? (
          <div className="empty">{t("imports.empty")}</div>
        ) : (
          <table className="data" id="import-history">
            <thead>
              <tr>
                <th>{t("imports.what")}</th>
                <th>{t("imports.status")}</th>
                <th>{t("imports.progress")}</th>
                <th className="num">{t("imports.created")}</th>
                <th className="num">{t("imports.updated")}</th>
                <th className="num">{t("imports.unchanged")}</th>
                <th className="num">{t("imports.rejected")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const counts = run.live?.counts ?? run;
                const rows = run.live?.rows ?? run.rowsProcessed;
                const bytes = run.live?.bytes ?? run.bytesProcessed;
                const errorCount = run.live?.errors ?? run.errorCount;
                const percent =
                  run.status === "succeeded" ? 100 : run.totalBytes ? Math.min(100, Math.round((bytes / run.totalBytes) * 100)) : 0;
                return (
                  <tr key={run.id} data-import-id={run.id} data-status={run.status}>
                    <td>
                      <div className="subject">
                        {run.kind === "sync" ? t("imports.sync", { name: run.connectorName ?? run.fileName }) : run.fileName}
                      </div>
                      <div className="muted">{dateTime(run.createdAt)}</div>
                    </td>
                    <td>
                      <span
                        className={`badge ${run.status === "failed" ? "badge-danger" : run.status === "succeeded" ? "badge-success" : "badge-warning"}`}
                      >
                        {t(`imports.statuses.${run.status}`)}
                      </span>
                      {run.failure ? <div className="field-error">{run.failure}</div> : null}
                    </td>
                    <td>
                      {run.kind === "sync" ? null : (
                        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
                          <span style={{ width: `${percent}%` }} />
                        </div>
                      )}
                      <div className="progress-label">
                        {t("imports.rows", { count: rows })} · {t("imports.errors")}: <span className="error-count">{errorCount}</span>
                      </div>
                    </td>
                    <td className="num created">{counts.created}</td>
                    <td className="num updated">{counts.updated}</td>
                    <td className="num unchanged">{counts.unchanged}</td>
                    <td className="num rejected">{counts.rejected}</td>
                    <td>
                      {run.errorCount > 0 && run.status !== "running" ? (
                        <a className="btn btn-secondary btn-small error-report" href={`/admin/imports/${run.id}/errors.csv`} download>
                          {t("imports.errorReport")}
                        </a>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}

function DropZone({ error }: { error?: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  return (
    <div className="field">
      <label
        htmlFor="file"
        className={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          if (input.current && event.dataTransfer.files.length) {
            input.current.files = event.dataTransfer.files;
            setFileName(event.dataTransfer.files[0].name);
          }
        }}
      >
        <strong>{t("imports.dropHere")}</strong>
        {fileName ? <span>{t("imports.chosen", { name: fileName })}</span> : null}
        <input
          ref={input}
          id="file"
          name="file"
          type="file"
          accept=".csv,.tsv,.txt,.jsonl,.ndjson,text/csv,application/x-ndjson"
          required
          onChange={(event) => setFileName(event.currentTarget.files?.[0]?.name ?? null)}
        />
      </label>
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  );
}
