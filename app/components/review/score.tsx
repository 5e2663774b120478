import { useTranslation } from "react-i18next";

export type ScoreTone = "good" | "fair" | "poor" | "none";

/** Colour bands for a 0–100 review score: green from 85, amber from 70, red below. */
export function scoreTone(score: number | null | undefined): ScoreTone {
  if (score === null || score === undefined) return "none";
  if (score >= 85) return "good";
  if (score >= 70) return "fair";
  return "poor";
}

/** One decimal, in the reader's language (docs/scoring.md: store unrounded, round for display). */
export function formatScore(score: number, language: string): string {
  return new Intl.NumberFormat(language === "es" ? "es-ES" : "en-GB", { maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(score);
}

export function ScoreBadge({ score, autoFailed = false }: { score: number | null; autoFailed?: boolean }) {
  const { t, i18n } = useTranslation();
  if (score === null) return <span className="score-badge score-none">—</span>;
  return (
    <span className={`score-badge score-${scoreTone(score)}`} title={autoFailed ? t("review.autoFail") : undefined}>
      {formatScore(score, i18n.language)}
      {autoFailed ? <span className="score-badge-flag">{t("review.autoFail")}</span> : null}
    </span>
  );
}
