import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { getConversation } from "../../db/queries/conversations";
import { getReviewDetail, getReviewSettings } from "../../db/queries/reviews";
import { type ScorecardDefinition, scoreReview } from "../../scoring/rubric";
import { conversationScope, requireUser } from "../auth/guards.server";
import { Transcript } from "../components/Transcript";
import { ChannelBadge } from "../components/badges";
import { CriterionCard } from "../components/review/CriterionCard";
import { HighlightList } from "../components/review/HighlightList";
import { ScorePanel } from "../components/review/ScorePanel";
import { formatScore } from "../components/review/score";
import { useDates } from "../hooks";
import { replyTimingsFor } from "../reply-timings.server";
import { auditChanges } from "../reviews/audit";
import { visibleReviewerName } from "../reviews/visibility";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Calidad QA · ${data?.conversation.subject ?? "Review"}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = z.coerce.number().int().positive().safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const db = await getDb();
  const detail = await getReviewDetail(db, { id: id.data, scope: conversationScope(user), viewerId: user.id });
  if (!detail) throw new Response("Not found", { status: 404 });
  const { review, version, highlights, audit } = detail;
  // Whoever may see the review may see the conversation it is about.
  const [found, settings] = await Promise.all([
    getConversation(db, { id: review.conversationId, scope: { kind: "all" } }),
    getReviewSettings(db),
  ]);
  if (!found) throw new Response("Not found", { status: 404 });
  const isAuthor = review.reviewerId === user.id;
  const showAudit = user.role !== "agent" || isAuthor;
  return {
    review: {
      id: review.id,
      kind: review.kind,
      status: review.status,
      content: review.content,
      score: review.score,
      autoFailed: review.autoFailed,
      submittedAt: review.submittedAt,
      updatedAt: review.updatedAt,
      agentName: review.agentName,
      reviewerName: visibleReviewerName(user, review, settings),
    },
    version: { name: version.scorecardName, version: version.version, definition: version.definition },
    conversation: found.conversation,
    messages: found.messages,
    replyTimings: replyTimingsFor(found.messages, found.conversation),
    highlights,
    audit: showAudit
      ? audit.map((entry) => ({
          id: entry.id,
          action: entry.action,
          at: entry.at,
          actorName: entry.actorName,
          changes: auditChanges(version.definition, entry.before, entry.after),
        }))
      : null,
    canEdit: isAuthor,
  };
}

export default function ReviewDetail() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const definition = data.version.definition as ScorecardDefinition;
  const result = scoreReview(definition, data.review.content.ratings);
  const [selectedMessageId, setSelectedMessageId] = useState<number | null>(null);
  const { review, conversation } = data;
  const criterionCount = result.criteria.length;
  let number = 0;
  const showMessage = (messageId: number) => {
    setSelectedMessageId(messageId);
    document.getElementById(`message-${messageId}`)?.scrollIntoView({ block: "center", behavior: "smooth" });
  };
  return (
    <>
      <div className="page-header review-header">
        <div>
          <Link to="/reviews" className="muted">
            ← {t("reviews.back")}
          </Link>
          <h1>{conversation.subject || t("conversations.noSubject")}</h1>
          <p>
            <ChannelBadge channel={conversation.channel} />
            {review.agentName ? ` · ${review.agentName}` : ""}
            {conversation.teamName ? ` · ${conversation.teamName}` : ""}
            {" · "}
            {t("reviews.byOn", {
              reviewer: review.reviewerName ?? t("reviews.hiddenReviewer"),
              date: review.submittedAt ? dates.dateTime(review.submittedAt) : "—",
            })}
            {review.kind !== "standard" ? ` · ${t(`review.kinds.${review.kind}`)}` : ""}
          </p>
        </div>
        <div className="review-header-actions">
          <Link to={`/conversations/${conversation.id}`} className="btn btn-secondary btn-small">
            {t("reviews.openConversation")}
          </Link>
          {data.canEdit ? (
            <Link to={`/conversations/${conversation.id}/review`} className="btn btn-small">
              {review.status === "draft" ? t("conversation.continueReview") : t("reviews.edit")}
            </Link>
          ) : null}
        </div>
      </div>

      <div className="review-layout">
        <section className={`card review-transcript channel-${conversation.channel}`} aria-label={t("conversation.transcript")}>
          <Transcript
            messages={data.messages}
            customerName={conversation.customerName}
            replyTimings={data.replyTimings}
            highlights={data.highlights}
            selectedMessageId={selectedMessageId}
            onSelectMessage={setSelectedMessageId}
          />
        </section>
        <section className="review-form" aria-label={t("review.scorecard")}>
          <div className="scorecard-bar">
            <div>
              <span className="muted small">{t("review.scorecard")}</span>
              <strong className="scorecard-name">
                {data.version.name} · v{data.version.version}
              </strong>
            </div>
          </div>
          <ScorePanel result={result} bonusCap={definition.bonusCap} ratedCount={criterionCount} totalCount={criterionCount} />
          {review.content.overallComment ? (
            <div className="card form-card">
              <div className="card-body">
                <h2>{t("review.overall")}</h2>
                <p className="overall-comment">{review.content.overallComment}</p>
              </div>
            </div>
          ) : null}
          {data.highlights.length === 0 ? null : (
            <div className="card form-card">
              <div className="card-body">
                <h2>
                  {t("highlights.title")} <span className="count">{data.highlights.length}</span>
                </h2>
                <HighlightList
                  highlights={data.highlights}
                  bodyOf={(messageId) => data.messages.find((message) => message.id === messageId)?.body ?? ""}
                  readOnly
                  focusHighlightId={null}
                  onNote={() => {}}
                  onRemove={() => {}}
                  onShow={showMessage}
                />
              </div>
            </div>
          )}
          {definition.categories.map((category) => (
            <div key={category.id} className="category-block">
              <h2 className="category-title">{category.title}</h2>
              {category.criteria.map((criterion) => {
                number += 1;
                const picked = review.content.rootCauses[criterion.id] ?? [];
                return (
                  <CriterionCard
                    key={criterion.id}
                    criterion={criterion}
                    number={number}
                    rating={review.content.ratings[criterion.id]}
                    result={result.criteria.find((item) => item.criterionId === criterion.id)}
                    comment={review.content.criterionComments[criterion.id] ?? ""}
                    commentOpen={false}
                    pickedRootCauses={picked}
                    rootCausesAsked={picked.length > 0}
                    issue={undefined}
                    focused={false}
                    readOnly
                    onFocus={() => {}}
                    onRate={() => {}}
                    onComment={() => {}}
                    onToggleComment={() => {}}
                    onToggleRootCause={() => {}}
                  />
                );
              })}
            </div>
          ))}
          {data.audit ? (
            <div className="card form-card">
              <div className="card-body">
                <h2>{t("reviews.history")}</h2>
                <ol className="audit-trail">
                  {data.audit.map((entry) => (
                    <li key={entry.id}>
                      <div>
                        <strong>{t(`reviews.audit.${entry.action}`)}</strong>
                        <span className="muted">
                          {" · "}
                          {dates.dateTime(entry.at)}
                          {entry.actorName ? ` · ${entry.actorName}` : ""}
                        </span>
                      </div>
                      {entry.action === "edited" ? (
                        <ul className="audit-changes">
                          {entry.changes.length === 0 ? <li className="muted">{t("reviews.audit.noChange")}</li> : null}
                          {entry.changes.map((change, index) => (
                            // biome-ignore lint/suspicious/noArrayIndexKey: changes are a fixed list per entry
                            <li key={index}>
                              {change.kind === "rating"
                                ? t("reviews.audit.rating", change)
                                : change.kind === "score"
                                  ? t("reviews.audit.score", {
                                      before: change.before === null ? "—" : formatScore(change.before, i18n.language),
                                      after: change.after === null ? "—" : formatScore(change.after, i18n.language),
                                    })
                                  : change.kind === "comment"
                                    ? change.criterion
                                      ? t("reviews.audit.comment", { criterion: change.criterion })
                                      : t("reviews.audit.overall")
                                    : change.kind === "rootCauses"
                                      ? t("reviews.audit.rootCauses", { criterion: change.criterion })
                                      : t("reviews.audit.highlights", { before: change.before, after: change.after })}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </div>
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
