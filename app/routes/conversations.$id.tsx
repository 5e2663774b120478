import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { customerHistory, getConversation } from "../../db/queries/conversations";
import { sentimentsByMessage } from "../../db/queries/predictions";
import { findReviewFor, getReviewSettings, reviewsOfConversation } from "../../db/queries/reviews";
import { conversationScope, requireUser } from "../auth/guards.server";
import { ChannelBadge, CsatBadge, StatusBadge } from "../components/badges";
import { CustomerHistory } from "../components/CustomerHistory";
import { Transcript } from "../components/Transcript";
import { ScoreBadge } from "../components/review/score";
import { useDates } from "../hooks";
import { replyTimingsFor } from "../reply-timings.server";
import { reviewPermission } from "../reviews/permissions";
import { visibleReviewerName } from "../reviews/visibility";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Calidad QA · ${data?.conversation.subject ?? `#${data?.conversation.id ?? ""}`}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = z.coerce.number().int().positive().safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const scope = conversationScope(user);
  const db = await getDb();
  const found = await getConversation(db, { id: id.data, scope });
  if (!found) throw new Response("Not found", { status: 404 });
  const [history, settings, ownReview, reviewRows, sentiments] = await Promise.all([
    found.conversation.customerId ? customerHistory(db, { customerId: found.conversation.customerId, excludeId: id.data, scope }) : [],
    getReviewSettings(db),
    findReviewFor(db, { conversationId: id.data, reviewerId: user.id }),
    reviewsOfConversation(db, { conversationId: id.data, scope, viewerId: user.id }),
    sentimentsByMessage(
      db,
      found.messages.map((message) => message.id),
    ),
  ]);
  const replyTimings = replyTimingsFor(found.messages, found.conversation);
  const permission = reviewPermission(user, found.conversation, settings);
  const reviewAction = ownReview ? (ownReview.status === "draft" ? "continue" : "edit") : permission.allowed ? "start" : null;
  const reviews = reviewRows.map(({ reviewerId, reviewerName, ...review }) => ({
    ...review,
    reviewerName: visibleReviewerName(user, { reviewerId, reviewerName }, settings),
  }));
  return { ...found, history, replyTimings, reviewAction, reviews, sentiments };
}

export default function ConversationPage() {
  const { conversation, messages, history, replyTimings, reviewAction, reviews, sentiments } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <>
      <div className="page-header">
        <div>
          <Link to="/conversations" className="muted">
            ← {t("conversation.back")}
          </Link>
          <h1>{conversation.subject || t("conversations.noSubject")}</h1>
          <p>
            <ChannelBadge channel={conversation.channel} /> <StatusBadge status={conversation.status} />{" "}
            {conversation.agentName ? `· ${conversation.agentName}` : ""} {conversation.teamName ? `· ${conversation.teamName}` : ""}
          </p>
        </div>
        {reviewAction ? (
          <Link to={`/conversations/${conversation.id}/review`} className="btn" data-testid="review-this">
            {t(`conversation.${reviewAction}Review`)}
          </Link>
        ) : null}
      </div>
      <div className="detail">
        <section className={`card channel-${conversation.channel}`} aria-label={t("conversation.transcript")}>
          {messages.length === 0 ? (
            <div className="empty">{t("conversation.noMessages")}</div>
          ) : (
            <Transcript messages={messages} customerName={conversation.customerName} replyTimings={replyTimings} sentiments={sentiments} />
          )}
        </section>
        <aside>
          <div className="card">
            <div className="card-body">
              <h2>{t("conversation.details")}</h2>
              <dl className="facts">
                <dt>{t("conversations.customer")}</dt>
                <dd>{conversation.customerName ?? "—"}</dd>
                <dt>{t("conversation.contact")}</dt>
                <dd>
                  {[conversation.customerEmail, conversation.customerPhone, conversation.customerHandle].filter(Boolean).join(" · ") || "—"}
                </dd>
                <dt>{t("conversations.language")}</dt>
                <dd>{conversation.language ? t(`languages.${conversation.language}`) : "—"}</dd>
                <dt>{t("conversations.created")}</dt>
                <dd>{dates.dateTime(conversation.createdAt)}</dd>
                <dt>{t("conversation.resolved")}</dt>
                <dd>{conversation.resolvedAt ? dates.dateTime(conversation.resolvedAt) : "—"}</dd>
                <dt>{t("conversations.csat")}</dt>
                <dd>
                  <CsatBadge csat={conversation.csat} />
                </dd>
                <dt>{t("conversation.reopened")}</dt>
                <dd>{conversation.reopenCount}</dd>
                <dt>{t("conversation.tags")}</dt>
                <dd>{conversation.tags.length ? conversation.tags.join(", ") : "—"}</dd>
                <dt>{t("conversation.source")}</dt>
                <dd className="muted">
                  {conversation.source} · {conversation.externalId}
                </dd>
              </dl>
            </div>
          </div>
          <div className="card">
            <div className="card-body">
              <h2>{t("conversation.customerHistory")}</h2>
              <CustomerHistory history={history} />
            </div>
          </div>
          <div className="card">
            <div className="card-body">
              <h2>{t("conversation.reviews")}</h2>
              {reviews.length === 0 ? (
                <p className="muted">{t("conversation.noReviews")}</p>
              ) : (
                <ul className="history">
                  {reviews.map((review) => (
                    <li key={review.id} className="review-row">
                      <div>
                        <Link to={review.status === "draft" ? `/conversations/${conversation.id}/review` : `/reviews/${review.id}`}>
                          {review.scorecardName} · v{review.scorecardVersion}
                        </Link>
                        <div className="muted">
                          {review.status === "draft" ? t("conversation.draft") : review.submittedAt ? dates.dateTime(review.submittedAt) : ""}
                          {` · ${review.reviewerName ?? t("reviews.hiddenReviewer")}`}
                        </div>
                      </div>
                      {review.status === "submitted" ? <ScoreBadge score={review.score} autoFailed={review.autoFailed} /> : null}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </aside>
      </div>
    </>
  );
}
