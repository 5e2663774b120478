import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { analyzeConsistency } from "./analyze";
import { profileGap } from "./distance";

// Expected numbers were worked out by hand (a few lines of arithmetic each, see the `why`) to 6 decimals.
const digits = 5;

const moments = z.strictObject({ n: z.number().int().nonnegative(), sum: z.number(), sumSq: z.number() });
const profile = z.record(z.string(), moments);
const interval = z.strictObject({ distance: z.number(), low: z.number(), high: z.number() });

const gapsFile = z.strictObject({
  description: z.string(),
  cases: z.array(
    z.strictObject({
      name: z.string(),
      why: z.string().min(10),
      a: profile,
      b: profile,
      scales: z.record(z.string(), z.number()),
      shift: z.record(z.string(), z.number()).optional(),
      expected: interval.extend({ squared: z.number(), squaredSe: z.number() }).nullable(),
    }),
  ),
});

const teamFile = z.strictObject({
  description: z.string(),
  features: z.array(z.string()),
  cells: z.array(z.strictObject({ agentId: z.number(), teamId: z.number().nullable(), channel: z.string(), profile })),
  expected: z.strictObject({
    scale: z.number(),
    cells: z.array(
      z.strictObject({ agentId: z.number(), channel: z.string(), fromTeam: interval.nullable(), fromOwnChannels: interval.nullable() }),
    ),
    agents: z.array(
      z.strictObject({ agentId: z.number(), distance: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() }),
    ),
    channels: z.array(z.strictObject({ channel: z.string(), agents: z.number(), spread: z.number().nullable() })),
    index: z.number().nullable(),
    outliers: z.number(),
  }),
});

const read = (name: string) => JSON.parse(readFileSync(new URL(`./golden/${name}`, import.meta.url), "utf8"));

function expectInterval(actual: { distance: number; low: number; high: number } | null, expected: z.infer<typeof interval> | null) {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(actual?.distance).toBeCloseTo(expected.distance, digits);
  expect(actual?.low).toBeCloseTo(expected.low, digits);
  expect(actual?.high).toBeCloseTo(expected.high, digits);
}

describe("golden profile gaps", () => {
  const file = gapsFile.parse(read("01-profile-gaps.json"));
  it.each(file.cases)("$name", (goldenCase) => {
    const features = Object.keys(goldenCase.a);
    const gap = profileGap(features, goldenCase.a, goldenCase.b, goldenCase.scales, { shift: goldenCase.shift });
    expectInterval(gap, goldenCase.expected);
    if (goldenCase.expected !== null) {
      expect(gap?.squared).toBeCloseTo(goldenCase.expected.squared, digits);
      expect(gap?.squaredSe).toBeCloseTo(goldenCase.expected.squaredSe, digits);
    }
  });
});

describe("golden team consistency", () => {
  const file = teamFile.parse(read("02-team-consistency.json"));
  // Two agents are compared across channels; the index is asked for anyway to check its arithmetic.
  const report = analyzeConsistency(file.cells, { features: file.features, minAgents: 2 });

  it("measures in the pooled within-cell standard deviation", () => {
    expect(report.scales.x).toBeCloseTo(file.expected.scale, digits);
  });

  it.each(file.expected.cells)("cell agent $agentId on $channel", (expected) => {
    const cell = report.cells.find((c) => c.agentId === expected.agentId && c.channel === expected.channel);
    expectInterval(cell?.fromTeam ?? null, expected.fromTeam);
    expectInterval(cell?.fromOwnChannels ?? null, expected.fromOwnChannels);
  });

  it("gives every agent's cross-channel distance, every channel's spread and the index", () => {
    for (const expected of file.expected.agents) {
      const agent = report.agents.find((a) => a.agentId === expected.agentId);
      for (const key of ["distance", "low", "high"] as const) {
        if (expected[key] === null) expect(agent?.[key]).toBeNull();
        else expect(agent?.[key]).toBeCloseTo(expected[key] as number, digits);
      }
    }
    for (const expected of file.expected.channels) {
      const channel = report.channels.find((c) => c.channel === expected.channel);
      expect(channel?.agents).toBe(expected.agents);
      expect(channel?.spread).toBeCloseTo(expected.spread as number, digits);
    }
    expect(report.index).toBe(file.expected.index);
    expect(analyzeConsistency(file.cells, { features: file.features }).index).toBeNull();
    // Twenty conversations a cell: agent 2's 30-point drop is visible but not yet significant.
    expect(report.outliers).toHaveLength(file.expected.outliers);
  });
});
