import type { AlphaInterval } from "./bootstrap";

/**
 * A plain-language reading of alpha.
 *
 * The thresholds are Krippendorff's own (Krippendorff, K. 2004, Content Analysis: An Introduction to Its
 * Methodology, 2nd ed., Sage, p. 241): "rely only on variables with reliabilities above α = .800. Consider
 * variables with reliabilities between α = .667 and α = .800 only for drawing tentative conclusions."
 * They are conventions for research coding, not laws; a team may hold itself to them or not, but the page
 * says where they come from.
 *
 * The reading also says whether the confidence interval stays inside one band: a session of six
 * conversations with α = 0.82 and an interval of [0.41, 0.97] has not shown good agreement, it has shown
 * that six conversations are too few to tell.
 */

export const ALPHA_GOOD = 0.8;
export const ALPHA_TENTATIVE = 0.667;

export type AlphaLevel = "good" | "tentative" | "poor";

export interface AlphaReading {
  /** Null when alpha is undefined. */
  level: AlphaLevel | null;
  /**
   * "clear": the whole interval lies in the same band as alpha; "uncertain": the interval crosses into
   * another band; "unknown": there is no interval (too few conversations).
   */
  certainty: "clear" | "uncertain" | "unknown";
  /** The bands the interval reaches, lowest first (e.g. ["poor", "tentative", "good"]). */
  plausibleLevels: AlphaLevel[];
}

export function alphaLevel(alpha: number): AlphaLevel {
  if (alpha >= ALPHA_GOOD) return "good";
  if (alpha >= ALPHA_TENTATIVE) return "tentative";
  return "poor";
}

export function readAlpha(alpha: number | null, interval: AlphaInterval | null): AlphaReading {
  if (alpha === null) return { level: null, certainty: "unknown", plausibleLevels: [] };
  const level = alphaLevel(alpha);
  if (!interval) return { level, certainty: "unknown", plausibleLevels: [level] };
  const order: AlphaLevel[] = ["poor", "tentative", "good"];
  const low = order.indexOf(alphaLevel(Math.min(interval.lower, alpha)));
  const high = order.indexOf(alphaLevel(Math.max(interval.upper, alpha)));
  const plausibleLevels = order.slice(low, high + 1);
  return { level, certainty: plausibleLevels.length === 1 ? "clear" : "uncertain", plausibleLevels };
}
