import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ALPHA_GOOD, ALPHA_TENTATIVE, alphaLevel } from "../../../scoring/agreement/interpret";

const LEVEL_COLOURS = { good: "#2f9e44", tentative: "#f08c00", poor: "#e03131" } as const;

export interface CriterionBar {
  title: string;
  alpha: number;
}

/**
 * Alpha per criterion, worst first, with Krippendorff's two thresholds drawn in. recharts 3 draws in the browser
 * only, so the chart appears after hydration; the table next to it carries the same numbers for everyone.
 */
export function CriterionAgreementChart({ bars }: { bars: CriterionBar[] }) {
  const { t, i18n } = useTranslation();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const format = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const lowest = Math.min(0, ...bars.map((bar) => bar.alpha));
  const height = 48 + bars.length * 34;
  return (
    <figure className="calibration-chart" style={{ height }} aria-label={t("calibration.chartLabel")} data-testid="criterion-chart">
      {mounted && bars.length > 0 ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bars} layout="vertical" margin={{ top: 22, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" domain={[Math.floor(lowest * 10) / 10, 1]} tickFormatter={(value: number) => format.format(value)} />
            <YAxis type="category" dataKey="title" width={220} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(value) => (typeof value === "number" ? format.format(value) : String(value))} />
            <ReferenceLine
              x={ALPHA_TENTATIVE}
              stroke={LEVEL_COLOURS.tentative}
              strokeDasharray="4 4"
              label={{ value: "0.667", fontSize: 11, position: "top" }}
            />
            <ReferenceLine
              x={ALPHA_GOOD}
              stroke={LEVEL_COLOURS.good}
              strokeDasharray="4 4"
              label={{ value: "0.800", fontSize: 11, position: "top" }}
            />
            <Bar dataKey="alpha" name="α" isAnimationActive={false}>
              {bars.map((bar) => (
                <Cell key={bar.title} fill={LEVEL_COLOURS[alphaLevel(bar.alpha)]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </figure>
  );
}
