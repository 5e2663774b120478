import { type ReactNode, forwardRef } from "react";
import { useTranslation } from "react-i18next";
import { type Criterion, type CriterionResult, type Rating, type SubmissionIssue, scalePoints } from "../../../scoring/rubric";
import { formatScore, scoreTone } from "./score";

export interface CriterionCardProps {
  criterion: Criterion;
  number: number;
  rating: Rating | undefined;
  result: CriterionResult | undefined;
  comment: string;
  commentOpen: boolean;
  pickedRootCauses: string[];
  rootCausesAsked: boolean;
  issue: SubmissionIssue | undefined;
  focused: boolean;
  readOnly: boolean;
  onFocus: () => void;
  onRate: (rating: Rating) => void;
  onComment: (comment: string) => void;
  onToggleComment: () => void;
  onToggleRootCause: (cause: string) => void;
  /** Shown under the scale: the AutoQA suggestion, when the criterion is linked to a feature. */
  suggestion?: ReactNode;
}

/** One criterion of the scorecard form: its scale as buttons with their keys, N/A, comment and root causes. */
export const CriterionCard = forwardRef<HTMLTextAreaElement, CriterionCardProps>(function CriterionCard(props, commentRef) {
  const { criterion, rating, result, focused, readOnly, issue } = props;
  const { t, i18n } = useTranslation();
  const points = scalePoints(criterion.scale);
  const classes = ["criterion", focused ? "focused" : "", issue ? "has-issue" : "", result?.criticalFailure ? "critical-failure" : ""];
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the whole form is keyboard-driven by the page's shortcuts (j/k, digits)
    <section
      className={classes.filter(Boolean).join(" ")}
      data-criterion-id={criterion.id}
      aria-labelledby={`criterion-${criterion.id}-title`}
      aria-current={focused ? "true" : undefined}
      onClick={props.onFocus}
    >
      <header className="criterion-head">
        <span className="criterion-number" aria-hidden="true">
          {props.number}
        </span>
        <div className="criterion-title">
          <h3 id={`criterion-${criterion.id}-title`}>{criterion.title}</h3>
          <div className="criterion-flags">
            {criterion.critical ? <span className="flag flag-critical">{t("review.critical")}</span> : null}
            {criterion.bonus ? <span className="flag flag-bonus">{t("review.bonusFlag")}</span> : null}
            {criterion.weight !== 1 ? <span className="flag">{t("review.weight", { weight: criterion.weight })}</span> : null}
          </div>
        </div>
        {result?.score !== null && result?.score !== undefined ? (
          <span className={`criterion-score score-${scoreTone(result.score)}`}>{formatScore(result.score, i18n.language)}</span>
        ) : rating === "na" ? (
          <span className="criterion-score score-none">{t("review.na")}</span>
        ) : null}
      </header>
      {criterion.description && (focused || readOnly) ? <p className="criterion-guidance">{criterion.description}</p> : null}
      <fieldset className="scale" aria-labelledby={`criterion-${criterion.id}-title`}>
        {points.map((point, index) => {
          const selected = rating === point.value;
          const tone = scoreTone(points.length > 1 ? (index / (points.length - 1)) * 100 : 100);
          return (
            <button
              key={point.value}
              type="button"
              aria-pressed={selected}
              className={`scale-point${selected ? ` selected tone-${tone}` : ""}`}
              disabled={readOnly}
              onClick={(event) => {
                event.stopPropagation();
                props.onFocus();
                props.onRate(point.value);
              }}
            >
              {index < 9 ? <kbd>{index + 1}</kbd> : null}
              <span>{point.label}</span>
            </button>
          );
        })}
        {criterion.naAllowed ? (
          <button
            type="button"
            aria-pressed={rating === "na"}
            className={`scale-point scale-na${rating === "na" ? " selected tone-none" : ""}`}
            disabled={readOnly}
            onClick={(event) => {
              event.stopPropagation();
              props.onFocus();
              props.onRate("na");
            }}
          >
            <kbd>N</kbd>
            <span>{t("review.na")}</span>
          </button>
        ) : null}
      </fieldset>
      {props.suggestion ?? null}
      {props.rootCausesAsked && criterion.rootCauses?.length ? (
        <fieldset className="root-causes">
          <legend>{t("review.rootCausesPrompt")}</legend>
          {criterion.rootCauses.map((cause, index) => {
            const picked = props.pickedRootCauses.includes(cause);
            return (
              <label key={cause} className={`chip${picked ? " chip-on" : ""}`}>
                <input type="checkbox" checked={picked} disabled={readOnly} onChange={() => props.onToggleRootCause(cause)} />
                {index < 9 ? <kbd>⇧{index + 1}</kbd> : null}
                {cause}
              </label>
            );
          })}
        </fieldset>
      ) : null}
      {props.commentOpen || props.comment ? (
        <textarea
          ref={commentRef}
          className="criterion-comment"
          aria-label={t("review.commentOn", { criterion: criterion.title })}
          placeholder={t("review.commentPlaceholder")}
          value={props.comment}
          readOnly={readOnly}
          rows={2}
          onChange={(event) => props.onComment(event.target.value)}
        />
      ) : readOnly ? null : (
        <button
          type="button"
          className="link-button add-comment"
          onClick={(event) => {
            event.stopPropagation();
            props.onToggleComment();
          }}
        >
          + {t("review.addComment")} <kbd>C</kbd>
        </button>
      )}
      {issue ? (
        <p className="field-error" role="alert">
          {t(`review.issues.${issue.code}`)}
        </p>
      ) : null}
    </section>
  );
});
