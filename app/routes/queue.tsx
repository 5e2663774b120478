import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { myOpenCalibrations } from "../../db/queries/calibration";
import { getReviewSettings, listQueue, skipAssignment } from "../../db/queries/reviews";
import { requireUser } from "../auth/guards.server";
import { ChannelBadge } from "../components/badges";
import { ScoreBadge } from "../components/review/score";
import { useDates } from "../hooks";
import { hasReviewQueue } from "../reviews/permissions";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Queue" }];

/** Reviewers, and agents once an admin turned on self or peer review. */
async function requireQueueUser(request: Request) {
  const user = await requireUser(request);
  if (!hasReviewQueue(user.role, await getReviewSettings(await getDb()))) throw new Response("Forbidden", { status: 403 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireQueueUser(request);
  const db = await getDb();
  const [queue, calibrations] = await Promise.all([
    listQueue(db, { reviewerId: user.id }),
    myOpenCalibrations(db, { reviewerId: user.id }),
  ]);
  return { ...queue, calibrations, now: new Date() };
}

const skipSchema = z.object({ intent: z.literal("skip"), assignmentId: z.coerce.number().int().positive() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireQueueUser(request);
  const parsed = parseFormData(skipSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false as const }, { status: 400 });
  if (!(await skipAssignment(await getDb(), { id: parsed.data.assignmentId, reviewerId: user.id }))) {
    throw new Response("Not found", { status: 404 });
  }
  return { ok: true as const };
}

const DAY_MS = 24 * 3600 * 1000;

export default function Queue() {
  const { open, done, progress, calibrations, now } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  const navigate = useNavigate();
  const next = open[0];
  const overdue = open.filter((row) => row.dueAt && new Date(row.dueAt) < new Date(now)).length;
  const percent = progress.total === 0 ? 0 : Math.round((progress.completed / progress.total) * 100);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (!next || event.ctrlKey || event.metaKey || event.altKey || target?.closest("input, textarea, select")) return;
      if (event.key === "n" || (event.key === "Enter" && target === document.body)) {
        event.preventDefault();
        navigate(`/conversations/${next.conversationId}/review`);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [next, navigate]);

  const dueLabel = (dueAt: Date | string | null) => {
    if (!dueAt) return <span className="muted">—</span>;
    const due = new Date(dueAt).getTime();
    const reference = new Date(now).getTime();
    if (due < reference) return <span className="badge badge-danger">{t("queue.overdue")}</span>;
    const soon = due - reference < DAY_MS;
    return <span className={soon ? "badge badge-warning" : "muted"}>{soon ? t("queue.dueSoon") : dates.dateTime(dueAt)}</span>;
  };

  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("queue.title")}</h1>
          <p>
            {t("queue.summary", { count: open.length })}
            {overdue > 0 ? ` · ${t("queue.overdueCount", { count: overdue })}` : ""}
          </p>
        </div>
        {next ? (
          <Link to={`/conversations/${next.conversationId}/review`} className="btn" data-testid="open-next">
            {t("queue.openNext")} <kbd>N</kbd>
          </Link>
        ) : null}
      </div>

      <div className="card queue-progress">
        <div className="card-body">
          <div className="queue-progress-head">
            <strong>{t("queue.progress", { completed: progress.completed, total: progress.total })}</strong>
            <span className="muted">{percent}%</span>
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label={t("queue.progressLabel")}
          >
            <span style={{ width: `${percent}%` }} />
          </div>
        </div>
      </div>

      {calibrations.length > 0 ? (
        <div className="card" data-testid="queue-calibrations">
          <div className="card-body">
            <h2>{t("calibration.queueTitle")}</h2>
            <p className="muted">{t("calibration.queueHelp")}</p>
          </div>
          <table className="data">
            <tbody>
              {calibrations.map((session) => (
                <tr key={session.id}>
                  <td>{dueLabel(session.dueAt)}</td>
                  <td>
                    <Link to={`/calibration/${session.id}`} className="subject">
                      {session.name}
                    </Link>
                  </td>
                  <td>{t("calibration.youRate", { done: session.mySubmitted, total: session.conversationCount })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <div className="card">
        {open.length === 0 ? (
          <div className="empty">
            <strong>{t("queue.emptyTitle")}</strong>
            {t("queue.empty")} <Link to="/conversations">{t("nav.conversations")}</Link>
          </div>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("queue.due")}</th>
                <th>{t("conversations.subject")}</th>
                <th>{t("conversations.channel")}</th>
                <th>{t("conversations.agent")}</th>
                <th>{t("queue.state")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {open.map((row, index) => (
                <tr key={row.id} className={index === 0 ? "queue-next" : undefined}>
                  <td>{dueLabel(row.dueAt)}</td>
                  <td>
                    <Link to={`/conversations/${row.conversationId}/review`} className="subject">
                      {row.subject || t("conversations.noSubject")}
                    </Link>
                    <div className="muted">
                      {row.teamName ?? ""} · {row.language ? t(`languages.${row.language}`) : ""} ·{" "}
                      {t("queue.messages", { count: row.messageCount })}
                    </div>
                  </td>
                  <td>
                    <ChannelBadge channel={row.channel} />
                  </td>
                  <td>{row.agentName ?? "—"}</td>
                  <td>
                    {row.status === "in_progress" ? (
                      <span className="badge status-pending">{t("queue.inProgress", { count: row.ratedCount })}</span>
                    ) : (
                      <span className="badge">{t("queue.notStarted")}</span>
                    )}
                  </td>
                  <td className="actions-cell">
                    <Link to={`/conversations/${row.conversationId}/review`} className="btn btn-small">
                      {row.status === "in_progress" ? t("queue.continue") : t("queue.start")}
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="intent" value="skip" />
                      <input type="hidden" name="assignmentId" value={row.id} />
                      <button type="submit" className="link-button muted small">
                        {t("queue.skip")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      {done.length > 0 ? (
        <div className="card">
          <div className="card-body">
            <h2>{t("queue.done")}</h2>
          </div>
          <table className="data">
            <tbody>
              {done.map((row) => (
                <tr key={row.id}>
                  <td className="muted">{row.completedAt ? dates.dateTime(row.completedAt) : "—"}</td>
                  <td>
                    <Link to={row.reviewId ? `/reviews/${row.reviewId}` : `/conversations/${row.conversationId}`} className="subject">
                      {row.subject || t("conversations.noSubject")}
                    </Link>
                  </td>
                  <td>
                    <ChannelBadge channel={row.channel} />
                  </td>
                  <td>{row.agentName ?? "—"}</td>
                  <td className="num">
                    <ScoreBadge score={row.score} autoFailed={row.autoFailed ?? false} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
