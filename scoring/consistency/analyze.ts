import { type Gap, MIN_CONVERSATIONS, pooledScales, profileGap, Z_95 } from "./distance";
import { addProfiles, mean, type Profile, profileSize, subtractProfile, TONE_FEATURES, type ToneFeature, variance } from "./moments";

/** One agent on one channel over a period: the cell of the heatmap. */
export interface ToneCell<F extends string = ToneFeature> {
  agentId: number;
  teamId: number | null;
  channel: string;
  profile: Profile<F>;
}

export interface ConsistencyOptions<F extends string = ToneFeature> {
  features?: readonly F[];
  /** A cell is an outlier when the lower end of its 95 % interval is above this distance (0.5: a "medium" standardized gap). */
  threshold?: number;
  minConversations?: number;
  /** The brand index needs at least this many agents compared across channels; fewer give null, not 100. */
  minAgents?: number;
  z?: number;
}

export const OUTLIER_THRESHOLD = 0.5;
export const MIN_AGENTS_FOR_INDEX = 3;

export type OutlierReason = "team" | "own_channels";

export interface CellConsistency<F extends string = ToneFeature> {
  agentId: number;
  teamId: number | null;
  channel: string;
  conversations: number;
  means: Record<F, number | null>;
  /** Against the rest of the team on the same channel (this agent left out). */
  fromTeam: Gap<F> | null;
  /** Against this agent's other channels, each side measured from the brand's norm for its channels. */
  fromOwnChannels: Gap<F> | null;
  reasons: OutlierReason[];
}

export interface AgentConsistency {
  agentId: number;
  teamId: number | null;
  conversations: number;
  /** Channels with enough conversations to compare. */
  channels: number;
  /** Conversation-weighted mean of the squared cross-channel gaps, as a distance; null with fewer than two channels. */
  distance: number | null;
  low: number | null;
  high: number | null;
  flagged: boolean;
}

export interface ChannelConsistency {
  channel: string;
  conversations: number;
  /** Agents with enough conversations on the channel. */
  agents: number;
  /** Bias-corrected standardized spread of those agents around the channel's norm; null with fewer than two agents. */
  spread: number | null;
}

export interface ConsistencyReport<F extends string = ToneFeature> {
  scales: Record<F, number>;
  cells: CellConsistency<F>[];
  agents: AgentConsistency[];
  channels: ChannelConsistency[];
  /** 0–100: 100 when no agent's tone moves between channels beyond the channel norms. */
  index: number | null;
  outliers: CellConsistency<F>[];
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Root-mean-square standardized distance of a profile's means from reference means. */
function departure<F extends string>(
  features: readonly F[],
  profile: Profile<F>,
  reference: (feature: F) => number,
  scales: Record<F, number>,
): number {
  let total = 0;
  let used = 0;
  for (const feature of features) {
    const value = mean(profile[feature]);
    if (value === null) continue;
    total += ((value - reference(feature)) / scales[feature]) ** 2;
    used += 1;
  }
  return used === 0 ? 0 : Math.sqrt(total / used);
}

/**
 * The consistency of tone across channels, from per agent × channel cells (see docs/metrics.md):
 * each cell against the rest of its team on the same channel and against the agent's own other
 * channels, every agent's overall cross-channel distance, every channel's spread across agents, the
 * brand consistency index, and the outlier cells. Distances are in pooled within-cell standard
 * deviations and carry 95 % intervals, so a cell of a dozen conversations does not raise an alarm.
 */
export function analyzeConsistency<F extends string = ToneFeature>(
  cells: readonly ToneCell<F>[],
  options: ConsistencyOptions<F> = {},
): ConsistencyReport<F> {
  const features = (options.features ?? TONE_FEATURES) as readonly F[];
  const threshold = options.threshold ?? OUTLIER_THRESHOLD;
  const minConversations = options.minConversations ?? MIN_CONVERSATIONS;
  const minAgents = options.minAgents ?? MIN_AGENTS_FOR_INDEX;
  const z = options.z ?? Z_95;
  const gapOptions = { minConversations, z };
  const scales = pooledScales(
    features,
    cells.map((cell) => cell.profile),
  );

  const byChannel = groupBy(cells, (cell) => cell.channel);
  const channelNorms = new Map<string, Profile<F>>();
  for (const [channel, group] of byChannel)
    channelNorms.set(
      channel,
      addProfiles(
        features,
        group.map((cell) => cell.profile),
      ),
    );
  const normMean = (channel: string, feature: F) => mean((channelNorms.get(channel) as Profile<F>)[feature]) ?? 0;

  const teamChannelTotals = new Map<string, Profile<F>>();
  for (const [key, group] of groupBy(cells, (cell) => `${cell.teamId}|${cell.channel}`)) {
    teamChannelTotals.set(
      key,
      addProfiles(
        features,
        group.map((cell) => cell.profile),
      ),
    );
  }
  const byAgent = groupBy(cells, (cell) => cell.agentId);

  const results: CellConsistency<F>[] = cells.map((cell) => {
    const teamTotal = teamChannelTotals.get(`${cell.teamId}|${cell.channel}`) as Profile<F>;
    const fromTeam = profileGap(features, cell.profile, subtractProfile(features, teamTotal, cell.profile), scales, gapOptions);

    const others = (byAgent.get(cell.agentId) ?? []).filter((other) => other.channel !== cell.channel);
    const rest = addProfiles(
      features,
      others.map((other) => other.profile),
    );
    const shift = {} as Record<F, number>;
    for (const feature of features) {
      let weighted = 0;
      let count = 0;
      for (const other of others) {
        weighted += other.profile[feature].n * normMean(other.channel, feature);
        count += other.profile[feature].n;
      }
      shift[feature] = normMean(cell.channel, feature) - (count > 0 ? weighted / count : 0);
    }
    const fromOwnChannels = others.length === 0 ? null : profileGap(features, cell.profile, rest, scales, { ...gapOptions, shift });
    // Of two channels that differ, the one that moved away from its channel norm is the outlier: an agent
    // curt on chat is flagged on chat, not on the email where he writes like everyone else.
    const ownSideMoved =
      departure(features, cell.profile, (feature) => normMean(cell.channel, feature), scales) >
      departure(features, rest, (feature) => normMean(cell.channel, feature) - shift[feature], scales);

    const reasons: OutlierReason[] = [];
    if (fromTeam !== null && fromTeam.low > threshold) reasons.push("team");
    if (fromOwnChannels !== null && fromOwnChannels.low > threshold && ownSideMoved) reasons.push("own_channels");
    const means = Object.fromEntries(features.map((feature) => [feature, mean(cell.profile[feature])])) as Record<F, number | null>;
    return {
      agentId: cell.agentId,
      teamId: cell.teamId,
      channel: cell.channel,
      conversations: profileSize(features, cell.profile),
      means,
      fromTeam,
      fromOwnChannels,
      reasons,
    };
  });

  const agents: AgentConsistency[] = [...groupBy(results, (result) => result.agentId)].map(([agentId, own]) => {
    const compared = own.filter((result) => result.fromOwnChannels !== null);
    const conversations = own.reduce((sum, result) => sum + result.conversations, 0);
    const base = { agentId, teamId: own[0].teamId, conversations, channels: compared.length };
    if (compared.length < 2) return { ...base, distance: null, low: null, high: null, flagged: false };
    const weightTotal = compared.reduce((sum, result) => sum + result.conversations, 0);
    let squared = 0;
    // Summing standard errors (not their squares) assumes the channel comparisons are perfectly correlated:
    // they share the agent's data, and a wider interval is the safe side of a false alarm.
    let squaredSe = 0;
    for (const result of compared) {
      const gap = result.fromOwnChannels as Gap<F>;
      const weight = result.conversations / weightTotal;
      squared += weight * gap.squared;
      squaredSe += weight * gap.squaredSe;
    }
    const root = (value: number) => Math.sqrt(Math.max(0, value));
    const low = root(squared - z * squaredSe);
    return { ...base, distance: root(squared), low, high: root(squared + z * squaredSe), flagged: low > threshold };
  });

  const channels: ChannelConsistency[] = [...byChannel].map(([channel, group]) => {
    const eligible = group.filter((cell) => profileSize(features, cell.profile) >= minConversations);
    const conversations = group.reduce((sum, cell) => sum + profileSize(features, cell.profile), 0);
    if (eligible.length < 2) return { channel, conversations, agents: eligible.length, spread: null };
    const total = eligible.reduce((sum, cell) => sum + profileSize(features, cell.profile), 0);
    let spreadSquared = 0;
    for (const cell of eligible) {
      const weight = profileSize(features, cell.profile) / total;
      let perFeature = 0;
      let used = 0;
      for (const feature of features) {
        const moments = cell.profile[feature];
        const cellMean = mean(moments);
        if (cellMean === null) continue;
        const scale = scales[feature];
        const delta = (cellMean - normMean(channel, feature)) / scale;
        perFeature += delta * delta - variance(moments) / moments.n / (scale * scale);
        used += 1;
      }
      if (used > 0) spreadSquared += (weight * perFeature) / used;
    }
    return { channel, conversations, agents: eligible.length, spread: Math.sqrt(Math.max(0, spreadSquared)) };
  });

  const measured = agents.filter((agent) => agent.distance !== null);
  const weight = measured.reduce((sum, agent) => sum + agent.conversations, 0);
  const meanDistance =
    weight === 0 ? null : measured.reduce((sum, agent) => sum + agent.conversations * (agent.distance as number), 0) / weight;
  const index = meanDistance === null || measured.length < minAgents ? null : Math.round(1000 * Math.max(0, 1 - meanDistance)) / 10;

  const strength = (result: CellConsistency<F>) => Math.max(result.fromTeam?.low ?? 0, result.fromOwnChannels?.low ?? 0);
  const outliers = results.filter((result) => result.reasons.length > 0).sort((a, b) => strength(b) - strength(a));

  return { scales, cells: results, agents, channels, index, outliers };
}
