import { describe, expect, it } from "vitest";
import { analyzeConsistency, type ToneCell } from "./analyze";
import { type Moments, type Profile, TONE_FEATURES, type ToneFeature } from "./moments";

/** Moments of a 0/1 feature observed `n` times with rate `p`. */
const rate = (n: number, p: number): Moments => ({ n, sum: Math.round(n * p), sumSq: Math.round(n * p) });
/** Moments of a continuous feature: `n` values alternating mean ± sd (exact mean and, for even n, sd). */
const spread = (n: number, average: number, sd: number): Moments => {
  const values = Array.from({ length: n }, (_, i) => average + (i % 2 === 0 ? sd : -sd));
  return { n, sum: values.reduce((a, b) => a + b, 0), sumSq: values.reduce((a, b) => a + b * b, 0) };
};

interface Style {
  greeting: number;
  closing: number;
  name: number;
  empathy: number;
  words: number;
}

const WARM: Style = { greeting: 0.9, closing: 0.8, name: 0.6, empathy: 0.4, words: 22 };
const CURT: Style = { greeting: 0.2, closing: 0.1, name: 0.05, empathy: 0.05, words: 7 };
const SHORTER: Style = { greeting: 0.5, closing: 0.4, name: 0.25, empathy: 0.15, words: 12 };

function profile(n: number, style: Style, channel: string): Profile {
  // Every agent writes shorter on chat: a channel norm, not an inconsistency.
  const words = channel === "chat" ? style.words * 0.7 : style.words;
  const values: Record<ToneFeature, Moments> = {
    greeting: rate(n, style.greeting),
    closing: rate(n, style.closing),
    usesName: rate(n, style.name),
    empathy: rate(n, style.empathy),
    exclamation: spread(n, 0.1, 0.1),
    emoji: spread(n, 0.2, 0.4),
    logWords: spread(n, Math.log(1 + words), 0.35),
    readability: spread(n, 70, 12),
  };
  return values;
}

/** Four agents on email, chat and WhatsApp; agent 4 writes in `otherStyle` on `otherChannels`. */
function team(n: number, otherStyle: Style, otherChannels = ["chat", "whatsapp"]) {
  const cells: ToneCell[] = [];
  for (const agentId of [1, 2, 3, 4]) {
    for (const channel of ["email", "chat", "whatsapp"]) {
      const style = agentId === 4 && otherChannels.includes(channel) ? otherStyle : WARM;
      cells.push({ agentId, teamId: 1, channel, profile: profile(n, style, channel) });
    }
  }
  return cells;
}

describe("analyzeConsistency", () => {
  it("flags the agent who is curt on chat and WhatsApp, on those cells only", () => {
    const report = analyzeConsistency(team(80, CURT));
    expect(report.outliers.map((cell) => `${cell.agentId}:${cell.channel}`).sort()).toEqual(["4:chat", "4:whatsapp"]);
    expect(report.outliers[0].reasons).toEqual(["team"]);
    expect(report.outliers[0].fromTeam?.differences.greeting).toBeLessThan(-1);
    // His email differs from his other channels too, but there he writes like the team: it is not the outlier.
    const email = report.cells.find((cell) => cell.agentId === 4 && cell.channel === "email");
    expect(email?.fromOwnChannels?.low).toBeGreaterThan(0.5);
    expect(email?.reasons).toEqual([]);
    expect(report.agents.filter((agent) => agent.flagged).map((agent) => agent.agentId)).toEqual([4]);
  });

  it("flags a cell against the agent's own other channels when only that channel changes", () => {
    const report = analyzeConsistency(team(80, CURT, ["chat"]));
    expect(report.outliers.map((cell) => [cell.channel, cell.reasons])).toEqual([["chat", ["team", "own_channels"]]]);
  });

  it("does not call the brand's own channel differences inconsistent", () => {
    // Everyone is shorter on chat; nobody differs from anyone else.
    const report = analyzeConsistency(team(80, WARM));
    expect(report.outliers).toEqual([]);
    expect(report.index).toBe(100);
    for (const agent of report.agents) expect(agent.distance).toBe(0);
    for (const channel of report.channels) expect(channel.spread).toBe(0);
  });

  it("lowers the index when one agent changes tone between channels", () => {
    const consistent = analyzeConsistency(team(80, WARM)).index as number;
    const withCurtAgent = analyzeConsistency(team(80, CURT)).index as number;
    expect(withCurtAgent).toBeLessThan(consistent - 10);
    expect(withCurtAgent).toBeGreaterThan(0);
  });

  it("raises no alarm on a dozen conversations for a gap that would be one on eighty", () => {
    expect(analyzeConsistency(team(80, SHORTER)).outliers.length).toBeGreaterThan(0);
    const report = analyzeConsistency(team(12, SHORTER));
    expect(report.outliers).toEqual([]);
    const cell = report.cells.find((c) => c.agentId === 4 && c.channel === "chat");
    expect(cell?.fromTeam?.distance).toBeGreaterThan(0.5);
    expect(cell?.fromTeam?.low).toBeLessThan(0.5);
  });

  it("leaves cells below the minimum out of every comparison", () => {
    const report = analyzeConsistency(team(6, CURT));
    expect(report.cells.every((cell) => cell.fromTeam === null && cell.fromOwnChannels === null)).toBe(true);
    expect(report.index).toBeNull();
    expect(report.channels.every((channel) => channel.spread === null)).toBe(true);
  });

  it("returns an empty report for no data", () => {
    expect(analyzeConsistency([])).toMatchObject({ cells: [], agents: [], channels: [], index: null, outliers: [] });
    expect(Object.keys(analyzeConsistency([]).scales)).toEqual([...TONE_FEATURES]);
  });
});
