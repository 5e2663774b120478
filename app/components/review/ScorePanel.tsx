import { useTranslation } from "react-i18next";
import type { ReviewScore } from "../../../scoring/rubric";
import { formatScore, scoreTone } from "./score";

/**
 * The live score exactly as docs/scoring.md computes it: the number, why it is 0 when a critical
 * criterion failed, how many criteria are left, bonus and cap, and each category's own score.
 */
export function ScorePanel({
  result,
  bonusCap,
  ratedCount,
  totalCount,
}: {
  result: ReviewScore;
  bonusCap: number;
  ratedCount: number;
  totalCount: number;
}) {
  const { t, i18n } = useTranslation();
  const tone = scoreTone(result.score);
  const percent = totalCount === 0 ? 0 : Math.round((ratedCount / totalCount) * 100);
  return (
    <div className={`score-panel tone-${tone}`} data-testid="score-panel">
      <div className="score-main">
        <div>
          <div className="score-label">{t("review.score")}</div>
          <div className="score-value" aria-live="polite" data-score={result.score ?? ""}>
            {result.score === null ? <span className="muted">—</span> : formatScore(result.score, i18n.language)}
            {result.score !== null ? <span className="score-of">/ {bonusCap}</span> : null}
          </div>
        </div>
        <div className="score-side">
          {result.autoFailed ? <span className="badge badge-danger">{t("review.autoFail")}</span> : null}
          {result.bonusPoints > 0 && !result.autoFailed ? (
            <span className="badge badge-success">{t("review.bonus", { points: formatScore(result.bonusPoints, i18n.language) })}</span>
          ) : null}
          {result.cappedByBonusCap ? <span className="badge">{t("review.capped", { cap: bonusCap })}</span> : null}
          <span className="muted">
            {result.complete ? t("review.complete") : t("review.progress", { rated: ratedCount, total: totalCount })}
          </span>
        </div>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={t("review.progressLabel")}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      {result.autoFailed ? (
        <div className="auto-fail" role="alert">
          <strong>{t("review.autoFailBecause")}</strong>
          <ul>
            {result.autoFailReasons.map((reason) => (
              <li key={reason.criterionId}>
                {reason.title}: <em>{reason.ratingLabel}</em>
              </li>
            ))}
          </ul>
          {result.baseScore !== null ? (
            <span className="muted">{t("review.withoutAutoFail", { score: formatScore(result.baseScore, i18n.language) })}</span>
          ) : null}
        </div>
      ) : null}
      <ul className="category-scores" aria-label={t("review.categoryScores")}>
        {result.categories.map((category) => (
          <li key={category.categoryId}>
            <span className="category-name">{category.title}</span>
            <span className="bar">
              <span className={`bar-fill score-${scoreTone(category.score)}`} style={{ width: `${Math.min(100, category.score ?? 0)}%` }} />
            </span>
            <span className="category-value">{category.score === null ? "—" : formatScore(category.score, i18n.language)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
