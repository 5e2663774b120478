import { describe, expect, it } from "vitest";
import { qualitySpreadAcrossChannels } from "./quality-spread";

const sums = (channel: string, scores: number[]) => ({
  channel,
  n: scores.length,
  sum: scores.reduce((a, b) => a + b, 0),
  sumOfSquares: scores.reduce((a, b) => a + b * b, 0),
});

describe("qualitySpreadAcrossChannels", () => {
  it("flags an agent whose chat reviews are consistently far below their email reviews", () => {
    const result = qualitySpreadAcrossChannels([
      sums("email", [88, 92, 85, 90, 94, 89, 91, 87]),
      sums("chat", [55, 60, 52, 58, 61, 57, 54, 59]),
    ]);
    expect(result).toMatchObject({ highest: "email", lowest: "chat", significant: true });
    expect(result.spread).toBeCloseTo(89.5 - 57, 9);
    expect(result.difference?.low).toBeGreaterThan(0);
  });

  it("does not flag a gap made of a few noisy reviews", () => {
    const result = qualitySpreadAcrossChannels([sums("email", [95, 40, 90]), sums("chat", [50, 85, 45])]);
    expect(result.spread).toBeGreaterThan(10);
    expect(result.significant).toBe(false);
  });

  it("tests the extremes at a stricter level the more channels there are to compare", () => {
    // The same two extreme channels, alone and among four others: the corrected interval is wider.
    const extremes = [sums("email", [80, 84, 78, 82, 86]), sums("chat", [70, 74, 68, 72, 76])];
    const middle = ["phone", "whatsapp", "facebook", "sms"].map((channel) => sums(channel, [75, 77, 73, 79, 71]));
    expect(qualitySpreadAcrossChannels(extremes).significant).toBe(true);
    const many = qualitySpreadAcrossChannels([...extremes, ...middle]);
    expect(many).toMatchObject({ highest: "email", lowest: "chat" });
    expect(many.difference?.low).toBeLessThan(qualitySpreadAcrossChannels(extremes).difference?.low ?? 0);
  });

  it("leaves out channels with fewer reviews than the minimum, and needs two channels to compare", () => {
    const result = qualitySpreadAcrossChannels([sums("email", [90, 91, 92]), sums("chat", [10, 20])]);
    expect(result.channels.map((channel) => channel.channel)).toEqual(["email"]);
    expect(result).toMatchObject({ spread: null, significant: false, difference: null });
  });
});
