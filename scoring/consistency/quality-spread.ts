import { type MeanDifference, type SampleSums, momentsOf, welchMeanDifference } from "../stats/welch";

export interface ChannelQualitySums extends SampleSums {
  channel: string;
}

export interface QualitySpread {
  /** Channels with at least `minReviews` scored reviews, best mean first. */
  channels: Array<{ channel: string; n: number; mean: number }>;
  /** Highest minus lowest channel mean; null with fewer than two channels to compare. */
  spread: number | null;
  highest: string | null;
  lowest: string | null;
  /** Welch interval of highest − lowest at the Bonferroni-adjusted level (see below). */
  difference: MeanDifference | null;
  /** The interval excludes 0: the agent's quality really differs between those channels. */
  significant: boolean;
}

/**
 * How much one agent's quality score differs between channels. The best and worst channel of k are the
 * extremes of k(k − 1)/2 possible pairs, so their difference is tested at 1 − 0.05 / pairs (Bonferroni):
 * with a few reviews per channel an agent is not flagged because one channel happened to draw two bad reviews.
 */
export function qualitySpreadAcrossChannels(cells: readonly ChannelQualitySums[], { minReviews = 3 } = {}): QualitySpread {
  const channels = cells
    .filter((cell) => cell.n >= minReviews)
    .map((cell) => ({ channel: cell.channel, n: cell.n, mean: cell.sum / cell.n, sums: cell }))
    .sort((a, b) => b.mean - a.mean || a.channel.localeCompare(b.channel));
  const listed = channels.map(({ channel, n, mean }) => ({ channel, n, mean }));
  if (channels.length < 2) return { channels: listed, spread: null, highest: null, lowest: null, difference: null, significant: false };
  const best = channels[0];
  const worst = channels[channels.length - 1];
  const pairs = (channels.length * (channels.length - 1)) / 2;
  const bestMoments = momentsOf(best.sums);
  const worstMoments = momentsOf(worst.sums);
  const difference = bestMoments && worstMoments ? welchMeanDifference(bestMoments, worstMoments, 1 - 0.05 / pairs) : null;
  return {
    channels: listed,
    spread: best.mean - worst.mean,
    highest: best.channel,
    lowest: worst.channel,
    difference,
    significant: difference !== null && difference.low > 0,
  };
}
