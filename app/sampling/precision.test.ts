import { describe, expect, it } from "vitest";
import { precisionSummary } from "../../scoring/sampling";
import { createI18n } from "../i18n/i18n";
import { sdDescription } from "./precision";

describe("sdDescription", () => {
  const summary = precisionSummary([
    { agentKey: "ana", population: 200, sampleSize: 20, scoreHistory: { count: 37, sd: 11.24 } },
    { agentKey: "ben", population: 200, sampleSize: 20 },
    { agentKey: "cy", population: 200, sampleSize: 20, scoreHistory: { count: 1, sd: Number.NaN } },
    { agentKey: "dee", population: 200, sampleSize: 20, scoreHistory: { count: 4, sd: 9 } },
  ]);
  const [ana, ben, cy, dee] = summary.agents;

  it("names the number of past reviews behind the SD, or says it was assumed and why", () => {
    const { t } = createI18n("en");
    expect(sdDescription(t, ana, summary.minScoresForSd)).toBe("SD 11.2 from 37 past reviews");
    expect(sdDescription(t, ben, summary.minScoresForSd)).toBe("assumed SD 20, no history yet");
    expect(sdDescription(t, cy, summary.minScoresForSd)).toBe("assumed SD 20: only 1 past review (10 needed)");
    expect(sdDescription(t, dee, summary.minScoresForSd)).toBe("assumed SD 20: only 4 past reviews (10 needed)");
  });

  it("speaks Spanish too", () => {
    const { t } = createI18n("es");
    expect(sdDescription(t, ana)).toBe("DE 11.2 de 37 evaluaciones anteriores");
    expect(sdDescription(t, ben)).toBe("DE 20 supuesta, aún sin historial");
  });

  it("still describes margins stored before the count was recorded", () => {
    const { t } = createI18n("en");
    const { scoreCount: _a, ...storedAna } = ana;
    const { scoreCount: _b, ...storedBen } = ben;
    expect(sdDescription(t, storedAna)).toBe("SD 11.2 from past reviews");
    expect(sdDescription(t, storedBen)).toBe("assumed SD 20 (fewer than 10 past reviews)");
  });
});
