import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type AgentPrecision, DEFAULT_MIN_SCORES_FOR_SD, type PrecisionSummary, type SpreadBucket } from "../../scoring/sampling";

/** Samples drawn before the count was stored lack `scoreCount` and `minScoresForSd`. */
type StoredAgentPrecision = Omit<AgentPrecision, "scoreCount"> & { scoreCount?: number };
export type StoredPrecisionSummary = Omit<PrecisionSummary, "agents" | "minScoresForSd"> & {
  agents: StoredAgentPrecision[];
  minScoresForSd?: number;
};

/** "SD 11.2 from 37 past reviews", or "assumed SD 20, no history yet": which SD a margin used and what is behind it. */
export function sdDescription(t: TFunction, agent: StoredAgentPrecision, minScoresForSd = DEFAULT_MIN_SCORES_FOR_SD): string {
  const sd = Number.isInteger(agent.sd) ? String(agent.sd) : agent.sd.toFixed(1);
  const count = agent.scoreCount;
  if (agent.sdSource === "history") {
    return count === undefined ? t("sampling.sdHistoryUncounted", { sd }) : t("sampling.sdHistory", { sd, count });
  }
  if (count === undefined) return t("sampling.sdAssumedUncounted", { sd, min: minScoresForSd });
  if (count === 0) return t("sampling.sdAssumedNoHistory", { sd });
  return t("sampling.sdAssumedFew", { sd, count, min: minScoresForSd });
}

const points = (value: number | null) => (value === null || !Number.isFinite(value) ? null : value.toFixed(1));

/** Margins of error per agent and for the team, saying which SD each used. */
export function PrecisionTable({ precision, names }: { precision: StoredPrecisionSummary; names: Record<string, string> }) {
  const { t } = useTranslation();
  const team = points(precision.team.marginOfError);
  return (
    <>
      <p>
        <strong>{team ? t("sampling.teamMargin", { margin: team, n: precision.team.sampleSize }) : t("sampling.noMargin")}</strong>
        {precision.targetMargin !== null && precision.team.requiredSampleSize !== null ? (
          <> · {t("sampling.teamRequired", { n: precision.team.requiredSampleSize, target: precision.targetMargin })}</>
        ) : null}
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>{t("sampling.agent")}</th>
            <th className="num">{t("sampling.population")}</th>
            <th className="num">{t("sampling.planned")}</th>
            <th>{t("sampling.margin")}</th>
            <th>{t("sampling.sd")}</th>
            <th className="num">{t("sampling.required", { target: precision.targetMargin ?? "" })}</th>
          </tr>
        </thead>
        <tbody>
          {precision.agents.map((agent) => {
            const margin = points(agent.marginOfError);
            return (
              <tr key={agent.agentKey}>
                <td>{names[agent.agentKey] ?? t("common.none")}</td>
                <td className="num">{agent.population}</td>
                <td className="num">{agent.sampleSize}</td>
                <td>{margin ? t("sampling.perAgentLine", { n: agent.sampleSize, margin }) : t("sampling.noMargin")}</td>
                <td className="muted">{sdDescription(t, agent, precision.minScoresForSd)}</td>
                <td className="num">{agent.requiredSampleSize ?? t("common.none")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">{t("sampling.confidenceNote")}</p>
    </>
  );
}

/** Planned reviews per day or week of a draw spread over its period. */
export function BucketTable({
  buckets,
  bucket,
}: {
  buckets: readonly { bucket: string; population: number; sampleSize: number }[];
  bucket: SpreadBucket;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t(`sampling.spreadTitle.${bucket}`, { count: buckets.length })}</h3>
      <table className="data">
        <thead>
          <tr>
            <th>{t(`sampling.spreadUnitHeading.${bucket}`)}</th>
            <th className="num">{t("sampling.population")}</th>
            <th className="num">{t("sampling.planned")}</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((entry) => (
            <tr key={entry.bucket}>
              <td>{entry.bucket}</td>
              <td className="num">{entry.population}</td>
              <td className="num">{entry.sampleSize}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
