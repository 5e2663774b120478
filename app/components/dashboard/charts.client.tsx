import { useNavigate } from "@remix-run/react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART } from "./colors";

const axisStyle = { fontSize: 12, fill: CHART.axis };
const percentTick = (value: number) => `${value}%`;
const percentValue = (value: unknown) => (typeof value === "number" ? `${value.toFixed(1)}%` : "—");

export interface CategoryBar {
  key: string;
  label: string;
  value: number | null;
  secondary?: number | null;
  color: string;
  href: string;
}

/** Horizontal percentage bars per category (channel, agent); a click opens the conversations behind the bar. */
export function PercentBars({
  data,
  valueName,
  secondaryName,
  height,
  goal,
}: {
  data: CategoryBar[];
  valueName: string;
  secondaryName?: string;
  height: number;
  goal?: { value: number; label: string };
}) {
  const navigate = useNavigate();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barCategoryGap={6}>
        <CartesianGrid horizontal={false} stroke={CHART.grid} />
        <XAxis type="number" domain={[0, 100]} tickFormatter={percentTick} tick={axisStyle} />
        <YAxis type="category" dataKey="label" width={170} tick={axisStyle} interval={0} />
        <Tooltip formatter={percentValue} cursor={{ fill: "rgba(59,91,219,0.06)" }} />
        {secondaryName ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
        {goal ? (
          <ReferenceLine
            x={goal.value}
            stroke={CHART.warning}
            strokeDasharray="4 3"
            label={{ value: goal.label, fontSize: 11, fill: CHART.warning, position: "top" }}
          />
        ) : null}
        <Bar
          isAnimationActive={false}
          dataKey="value"
          name={valueName}
          radius={[0, 4, 4, 0]}
          cursor="pointer"
          onClick={(entry) => navigate((entry.payload as CategoryBar).href)}
        >
          {data.map((row) => (
            <Cell key={row.key} fill={row.color} />
          ))}
        </Bar>
        {secondaryName ? (
          <Bar dataKey="secondary" name={secondaryName} fill={CHART.primarySoft} radius={[0, 4, 4, 0]} isAnimationActive={false} />
        ) : null}
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface CountBar {
  key: string;
  label: string;
  first: number;
  second: number;
  href: string;
}

/** Two counts per category side by side (redirects and forbidden phrases per agent). */
export function CountBars({
  data,
  firstName,
  secondName,
  height,
}: {
  data: CountBar[];
  firstName: string;
  secondName: string;
  height: number;
}) {
  const navigate = useNavigate();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barCategoryGap={5}>
        <CartesianGrid horizontal={false} stroke={CHART.grid} />
        <XAxis type="number" allowDecimals={false} tick={axisStyle} />
        <YAxis type="category" dataKey="label" width={150} tick={axisStyle} interval={0} />
        <Tooltip cursor={{ fill: "rgba(59,91,219,0.06)" }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar
          isAnimationActive={false}
          dataKey="first"
          name={firstName}
          fill={CHART.danger}
          radius={[0, 4, 4, 0]}
          cursor="pointer"
          onClick={(entry) => navigate((entry.payload as CountBar).href)}
        />
        <Bar dataKey="second" name={secondName} fill={CHART.warning} radius={[0, 4, 4, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface TrendPoint {
  day: string;
  label: string;
  [series: string]: string | number | null;
}

/** Percentage lines over time; a click on a point opens that day's conversations. */
export function TrendLines({
  data,
  series,
  height,
  domain = [0, 100],
  onPointHref,
}: {
  data: TrendPoint[];
  series: Array<{ key: string; name: string; color: string }>;
  height: number;
  domain?: [number, number];
  onPointHref?: (point: TrendPoint) => string;
}) {
  const navigate = useNavigate();
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart
        data={data}
        margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
        onClick={(state) => {
          const index = state?.activeTooltipIndex;
          const point = index === undefined || index === null ? undefined : data[Number(index)];
          if (point && onPointHref) navigate(onPointHref(point));
        }}
      >
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis dataKey="label" tick={axisStyle} minTickGap={24} />
        <YAxis domain={domain} tickFormatter={percentTick} tick={axisStyle} width={44} />
        <Tooltip formatter={percentValue} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((line) => (
          <Line
            key={line.key}
            type="monotone"
            dataKey={line.key}
            name={line.name}
            stroke={line.color}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** The consistency index over rolling windows, 0–100. */
export function IndexTrend({ data, name, height }: { data: TrendPoint[]; name: string; height: number }) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={CHART.grid} vertical={false} />
        <XAxis dataKey="label" tick={axisStyle} />
        <YAxis domain={[0, 100]} tick={axisStyle} width={36} />
        <Tooltip formatter={(value: unknown) => (typeof value === "number" ? value.toFixed(1) : "—")} />
        <Line
          type="monotone"
          dataKey="index"
          name={name}
          stroke={CHART.primary}
          strokeWidth={2.5}
          dot={{ r: 3 }}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
