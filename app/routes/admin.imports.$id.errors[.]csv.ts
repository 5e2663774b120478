import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { errorReportCsv } from "../../db/ingest/files/error-report";
import { getImport, listImportErrors } from "../../db/queries/imports";
import { ROLE_GROUPS, requireRole } from "../auth/guards.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ROLE_GROUPS.admins);
  const id = Number(params.id);
  const db = await getDb();
  if (!Number.isInteger(id) || !(await getImport(db, id))) throw new Response("Not found", { status: 404 });
  return new Response(errorReportCsv(await listImportErrors(db, id)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-${id}-errors.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
