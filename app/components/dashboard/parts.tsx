import { Form, Link, useSearchParams } from "@remix-run/react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { CHANNELS } from "../../../scoring/domain";
import { PERIODS, type Period } from "../../dashboards/filters";

export function formatPercent(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined ? "—" : `${value.toFixed(digits)}%`;
}

/** The line under a quality-score KPI: how many reviews, and the 95 % interval when there are enough. */
export function qualityHint(
  t: (key: string, options?: Record<string, unknown>) => string,
  quality: { mean: number | null; count: number; confidenceInterval: { lower: number; upper: number } | null },
): string {
  if (quality.mean === null) return t("dashboards.noReviews");
  const interval = quality.confidenceInterval;
  return interval
    ? t("dashboards.qualityHint", { count: quality.count, low: interval.lower.toFixed(1), high: interval.upper.toFixed(1) })
    : t("dashboards.qualityHintFew", { count: quality.count });
}

/** A day "2026-11-03" as "3 Nov" in the user's language. */
export function formatDay(day: string, language: string, withYear = false): string {
  return new Intl.DateTimeFormat(language === "es" ? "es-ES" : "en-GB", {
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

export function PeriodLine({
  from,
  to,
  previousFrom,
  previousTo,
}: {
  from: string;
  to: string;
  previousFrom?: string;
  previousTo?: string;
}) {
  const { t, i18n } = useTranslation();
  const range = `${formatDay(from, i18n.language)} – ${formatDay(to, i18n.language, true)}`;
  if (!previousFrom || !previousTo) return <>{range}</>;
  return (
    <>
      {t("dashboards.periodVs", {
        range,
        previous: `${formatDay(previousFrom, i18n.language)} – ${formatDay(previousTo, i18n.language, true)}`,
      })}
    </>
  );
}

export function FilterBar({
  teams,
  agents,
  period,
  from,
  to,
  channels = true,
  keep = {},
}: {
  teams: Array<{ id: number; name: string }>;
  /** Left out: no agent filter (the reviewer dashboard). */
  agents?: Array<{ id: number; name: string }>;
  period: Period;
  from: string;
  to: string;
  /** false: no channel filter. */
  channels?: boolean;
  /** Query parameters the form carries over unchanged (e.g. the reviewer shown). */
  keep?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  // Picking dates means a custom range; picking a preset clears the dates.
  const [chosenPeriod, setChosenPeriod] = useState<Period>(period);
  const [dates, setDates] = useState({ from: period === "custom" ? from : "", to: period === "custom" ? to : "" });
  return (
    <Form method="get" className="filters dashboard-filters" aria-label={t("dashboards.filters")}>
      <div className="field">
        <label htmlFor="period">{t("dashboards.period")}</label>
        <select
          id="period"
          name="period"
          value={chosenPeriod}
          onChange={(event) => {
            const next = event.target.value as Period;
            setChosenPeriod(next);
            if (next !== "custom") setDates({ from: "", to: "" });
            else setDates({ from, to });
          }}
        >
          {PERIODS.map((value) => (
            <option key={value} value={value}>
              {t(`dashboards.periods.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="from">{t("conversations.from")}</label>
        <input
          id="from"
          name="from"
          type="date"
          value={dates.from}
          onChange={(event) => {
            setDates({ ...dates, from: event.target.value });
            setChosenPeriod("custom");
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="to">{t("conversations.to")}</label>
        <input
          id="to"
          name="to"
          type="date"
          value={dates.to}
          onChange={(event) => {
            setDates({ ...dates, to: event.target.value });
            setChosenPeriod("custom");
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="team">{t("conversations.team")}</label>
        <select id="team" name="team" defaultValue={params.get("team") ?? ""}>
          <option value="">{t("dashboards.allTeams")}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      {channels ? (
        <div className="field">
          <label htmlFor="channel">{t("conversations.channel")}</label>
          <select id="channel" name="channel" defaultValue={params.get("channel") ?? ""}>
            <option value="">{t("dashboards.allChannels")}</option>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {t(`channels.${channel}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {agents ? (
        <div className="field">
          <label htmlFor="agent">{t("conversations.agent")}</label>
          <select id="agent" name="agent" defaultValue={params.get("agent") ?? ""}>
            <option value="">{t("dashboards.allAgents")}</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="actions">
        <button type="submit" className="btn">
          {t("conversations.apply")}
        </button>
      </div>
    </Form>
  );
}

/**
 * A headline number with its change against the previous period. `better` says which direction is good,
 * so a drop in unanswered conversations shows green.
 */
export function Kpi({
  id,
  label,
  value,
  current,
  previous,
  better = "up",
  unit = "pp",
  href,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  /** Leave both out for a number shown without comparison. */
  current?: number | null;
  previous?: number | null;
  better?: "up" | "down";
  unit?: "pp" | "pct" | "points";
  href?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const compared = current !== undefined || previous !== undefined;
  let delta: ReactNode = compared ? <span className="kpi-delta muted">{t("dashboards.noComparison")}</span> : null;
  if (current !== null && current !== undefined && previous !== null && previous !== undefined && (unit !== "pct" || previous !== 0)) {
    const change = unit === "pct" ? (100 * (current - previous)) / previous : current - previous;
    const rounded = Math.round(change * 10) / 10;
    const good = rounded === 0 ? null : rounded > 0 === (better === "up");
    const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±";
    const suffix = unit === "pp" ? ` ${t("dashboards.pp")}` : unit === "pct" ? "%" : "";
    delta = (
      <span className={`kpi-delta ${good === null ? "" : good ? "good" : "bad"}`}>
        {rounded > 0 ? "▲" : rounded < 0 ? "▼" : "■"} {sign}
        {Math.abs(rounded).toFixed(unit === "points" ? 1 : rounded % 1 === 0 ? 0 : 1)}
        {suffix} <span className="muted">{t("dashboards.vsPrevious")}</span>
      </span>
    );
  }
  const body = (
    <>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" data-kpi={id}>
        {value}
      </div>
      {delta}
      {hint ? <div className="kpi-hint">{hint}</div> : null}
    </>
  );
  return href ? (
    <Link to={href} className="card kpi kpi-link">
      {body}
    </Link>
  ) : (
    <div className="card kpi">{body}</div>
  );
}

/** Downloads a table of the dashboard as CSV, with the filters on screen (resource route dashboards.export). */
export function CsvLink({ board, table }: { board: "executive" | "team"; table: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  next.set("board", board);
  next.set("table", table);
  return (
    <a className="btn btn-secondary btn-small" href={`/dashboards/export?${next}`} download>
      {t("dashboards.csv")}
    </a>
  );
}

export function Panel({
  title,
  subtitle,
  actions,
  children,
  id,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <section className="card panel" aria-labelledby={id ? `${id}-title` : undefined} id={id}>
      <header className="panel-header">
        <div>
          <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
          {subtitle ? <p className="muted">{subtitle}</p> : null}
        </div>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
