import { useTranslation } from "react-i18next";
import type { PrecisionSummary } from "../../scoring/sampling";

const points = (value: number | null) => (value === null || !Number.isFinite(value) ? null : value.toFixed(1));

/** Margins of error per agent and for the team, saying which SD each used. */
export function PrecisionTable({ precision, names }: { precision: PrecisionSummary; names: Record<string, string> }) {
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
                <td className="muted">
                  {agent.sdSource === "history"
                    ? t("sampling.sdHistory", { sd: agent.sd.toFixed(1), count: "≥ 10" })
                    : t("sampling.sdAssumed", { sd: agent.sd })}
                </td>
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
