import { useTranslation } from "react-i18next";
import type { AutoQaEvidence } from "../../../scoring/autoqa/types";
import { type Criterion, type Rating, scalePoints } from "../../../scoring/rubric";
import type { ReviewSuggestion } from "../../autoqa/suggestions.server";
import { formatDuration } from "../../format";
import type { TranscriptEvidence } from "../Transcript";

/** Where a piece of evidence sits on the transcript: its phrase, or the whole message it is about. */
export function evidenceTarget(evidence: AutoQaEvidence): TranscriptEvidence | null {
  switch (evidence.kind) {
    case "phrase":
      return { messageId: evidence.messageId, start: evidence.start, end: evidence.end };
    case "message":
      return { messageId: evidence.messageId, start: null, end: null };
    case "response_time":
      return { messageId: evidence.messageId ?? evidence.customerMessageId, start: null, end: null };
  }
}

export type SuggestionState = "pending" | "accepted" | "overridden";

export function suggestionState(suggestion: ReviewSuggestion, rating: Rating | undefined): SuggestionState {
  if (suggestion.status !== "suggested" || rating === undefined) return "pending";
  return rating === suggestion.rating ? "accepted" : "overridden";
}

function ratingLabel(criterion: Criterion, rating: Rating | null, naLabel: string): string {
  if (rating === "na") return naLabel;
  return scalePoints(criterion.scale).find((point) => point.value === rating)?.label ?? String(rating);
}

/**
 * An AutoQA suggestion under a criterion: the suggested point, why, and the evidence; hovering or focusing
 * a piece of evidence marks it on the transcript, clicking it scrolls there. Accepting sets the rating as if
 * the reviewer had pressed that point; the reviewer can always rate differently.
 */
export function SuggestionBox({
  criterion,
  suggestion,
  rating,
  messageNumber,
  readOnly,
  onAccept,
  onPreview,
  onShow,
}: {
  criterion: Criterion;
  suggestion: ReviewSuggestion;
  rating: Rating | undefined;
  /** Position of a message in the transcript, from 1. */
  messageNumber: (messageId: number) => number;
  readOnly: boolean;
  onAccept: () => void;
  onPreview: (target: TranscriptEvidence | null) => void;
  onShow: (target: TranscriptEvidence) => void;
}) {
  const { t } = useTranslation();
  const state = suggestionState(suggestion, rating);
  const suggested = suggestion.status === "suggested";
  return (
    <div
      className={`autoqa autoqa-${suggested ? state : "none"}`}
      data-testid="autoqa-suggestion"
      data-state={suggested ? state : "none"}
      data-feature={suggestion.feature}
    >
      <div className="autoqa-head">
        <span className="autoqa-badge" title={t("autoqa.badgeTitle")}>
          {t("autoqa.badge")}
        </span>
        {suggested ? (
          <>
            <span className="autoqa-text">
              {t("autoqa.suggests")} <strong className="autoqa-rating">{ratingLabel(criterion, suggestion.rating, t("review.na"))}</strong>
            </span>
            <span className="autoqa-reason muted">{t(`autoqa.reasons.${suggestion.reason}`)}</span>
            {state === "accepted" ? (
              <span className="autoqa-state autoqa-state-accepted">✓ {t("autoqa.accepted")}</span>
            ) : state === "overridden" ? (
              <span className="autoqa-state autoqa-state-overridden">{t("autoqa.overridden")}</span>
            ) : null}
            {state !== "accepted" && !readOnly ? (
              <button
                type="button"
                className="btn btn-small btn-secondary autoqa-accept"
                onClick={(event) => {
                  event.stopPropagation();
                  onAccept();
                }}
              >
                {t("autoqa.accept")} <kbd>A</kbd>
              </button>
            ) : null}
          </>
        ) : (
          <span className="autoqa-reason muted">
            {t("autoqa.noSuggestion")}: {t(`autoqa.reasons.${suggestion.reason}`)}
          </span>
        )}
      </div>
      {suggestion.evidence.length > 0 ? (
        <ul className="autoqa-evidence" aria-label={t("autoqa.evidenceTitle")}>
          {suggestion.evidence.map((item, index) => {
            const target = evidenceTarget(item);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: evidence is a fixed list per suggestion
              <li key={index}>
                <button
                  type="button"
                  className={`autoqa-evidence-item${item.kind === "response_time" && !item.met ? " autoqa-evidence-late" : ""}`}
                  data-testid="autoqa-evidence"
                  onMouseEnter={() => onPreview(target)}
                  onMouseLeave={() => onPreview(null)}
                  onFocus={() => onPreview(target)}
                  onBlur={() => onPreview(null)}
                  onClick={(event) => {
                    event.stopPropagation();
                    if (target) onShow(target);
                  }}
                >
                  <EvidenceText evidence={item} messageNumber={messageNumber} />
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

function EvidenceText({ evidence, messageNumber }: { evidence: AutoQaEvidence; messageNumber: (messageId: number) => number }) {
  const { t } = useTranslation();
  switch (evidence.kind) {
    case "phrase":
      return (
        <>
          <span className="autoqa-signal">{t(`autoqa.signals.${evidence.signal}`)}</span> <q>{evidence.text}</q>{" "}
          <span className="muted">{t("autoqa.inMessage", { n: messageNumber(evidence.messageId) })}</span>
        </>
      );
    case "message":
      return (
        <>
          <span className="autoqa-signal">{t(`autoqa.signals.${evidence.signal}`)}</span>{" "}
          <span className="muted">{t("autoqa.inMessage", { n: messageNumber(evidence.messageId) })}</span>
        </>
      );
    case "response_time":
      return (
        <>
          <span className="autoqa-signal">{t(`autoqa.turns.${evidence.turn}`)}</span>{" "}
          {t(evidence.pending ? "autoqa.stillWaiting" : "autoqa.waited", {
            elapsed: formatDuration(evidence.elapsedMs),
            target: formatDuration(evidence.targetMs),
          })}{" "}
          <span className={evidence.met ? "autoqa-met" : "autoqa-late"}>
            {evidence.met ? `✓ ${t("autoqa.met")}` : `✗ ${t("autoqa.late")}`}
          </span>{" "}
          <span className="muted">{t("autoqa.inMessage", { n: messageNumber(evidence.messageId ?? evidence.customerMessageId) })}</span>
        </>
      );
  }
}
