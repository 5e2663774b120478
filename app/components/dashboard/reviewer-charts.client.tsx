import { useNavigate } from "@remix-run/react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART } from "./colors";

const axisStyle = { fontSize: 12, fill: CHART.axis };

export interface WeekPoint {
  week: string;
  label: string;
  /** Reviews submitted, per series key. */
  [series: string]: string | number;
}

/**
 * Reviews submitted per week: one bar, or one stacked segment per reviewer. A click on a segment opens
 * the reviews behind it.
 */
export function WeeklyBars({
  data,
  series,
  height,
  hrefOf,
}: {
  data: WeekPoint[];
  series: Array<{ key: string; name: string; color: string }>;
  height: number;
  hrefOf: (point: WeekPoint, seriesKey: string) => string;
}) {
  const navigate = useNavigate();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} barCategoryGap="20%">
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis dataKey="label" tick={axisStyle} />
        <YAxis allowDecimals={false} tick={axisStyle} width={36} />
        <Tooltip cursor={{ fill: "rgba(59,91,219,0.06)" }} />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
        {series.map((line, index) => (
          <Bar
            key={line.key}
            dataKey={line.key}
            name={line.name}
            stackId="reviews"
            fill={line.color}
            cursor="pointer"
            isAnimationActive={false}
            radius={index === series.length - 1 ? [4, 4, 0, 0] : undefined}
            onClick={(entry) => navigate(hrefOf(entry.payload as WeekPoint, line.key))}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
