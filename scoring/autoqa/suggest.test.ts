import { describe, expect, it } from "vitest";
import { parseScorecardDefinition, type Scale } from "../rubric";
import { autoQaFeatureOf } from "./features";
import { ratingOnScale, suggestForCriterion, suggestForScorecard } from "./suggest";
import type { AutoQaConversation, FeatureVerdict } from "./types";

const verdict = (level: FeatureVerdict["level"], partialOnTwoPoints?: FeatureVerdict["partialOnTwoPoints"]): FeatureVerdict => ({
  feature: "greeting",
  level,
  reason: "greeting_without_name",
  evidence: [],
  ...(partialOnTwoPoints ? { partialOnTwoPoints } : {}),
});

const custom: Scale = {
  kind: "custom",
  points: [
    { value: 2, label: "Compliant" },
    { value: -2, label: "Breach" },
    { value: 0, label: "Slip" },
  ],
};
const four: Scale = { kind: "four-point", labels: ["a", "b", "c", "d"] };
const binary: Scale = { kind: "binary", failLabel: "No", passLabel: "Yes" };

describe("ratingOnScale", () => {
  it("maps pass, partial and fail onto any scale, lowest value first", () => {
    expect(ratingOnScale(verdict("pass"), { scale: custom, naAllowed: false })).toEqual({ rating: 2 });
    expect(ratingOnScale(verdict("fail"), { scale: custom, naAllowed: false })).toEqual({ rating: -2 });
    expect(ratingOnScale(verdict("partial"), { scale: custom, naAllowed: false })).toEqual({ rating: 0 });
    expect(ratingOnScale(verdict("partial"), { scale: four, naAllowed: false })).toEqual({ rating: 2 });
  });

  it("rounds a partial result on two points the feature's way, a fail by default", () => {
    expect(ratingOnScale(verdict("partial", "pass"), { scale: binary, naAllowed: false })).toEqual({ rating: 1 });
    expect(ratingOnScale(verdict("partial"), { scale: binary, naAllowed: false })).toEqual({ rating: 0 });
    expect(ratingOnScale(verdict("partial", "not_applicable"), { scale: binary, naAllowed: true })).toEqual({ rating: "na" });
    expect(ratingOnScale(verdict("partial", "not_applicable"), { scale: binary, naAllowed: false })).toEqual({ why: "na_not_allowed" });
  });

  it("never suggests N/A where the criterion does not allow it", () => {
    expect(ratingOnScale(verdict("not_applicable"), { scale: four, naAllowed: true })).toEqual({ rating: "na" });
    expect(ratingOnScale(verdict("not_applicable"), { scale: four, naAllowed: false })).toEqual({ why: "na_not_allowed" });
  });

  it("turns 'nothing found' into a pass on two points only, and 'unavailable' into nothing", () => {
    expect(ratingOnScale(verdict("nothing_found"), { scale: binary, naAllowed: false })).toEqual({ rating: 1 });
    expect(ratingOnScale(verdict("nothing_found"), { scale: four, naAllowed: false })).toEqual({ why: "nothing_found" });
    expect(ratingOnScale(verdict("unavailable"), { scale: four, naAllowed: true })).toEqual({ why: "cannot_judge" });
  });
});

describe("feature links", () => {
  it("knows the features and the old spelling of the response-time link", () => {
    expect(autoQaFeatureOf("greeting")).toBe("greeting");
    expect(autoQaFeatureOf("response-time-vs-channel-target")).toBe("response-time");
    expect(autoQaFeatureOf("redirect-detector")).toBeNull();
    expect(autoQaFeatureOf(undefined)).toBeNull();
  });
});

const conversation = (language: string | null): AutoQaConversation => ({
  channel: "chat",
  language,
  status: "solved",
  customerName: "Marta Gil",
  resolvedAt: null,
  messages: [
    { id: 11, authorRole: "customer", sentAt: new Date("2026-03-02T10:00:00Z"), body: "¿Tenéis la talla M?" },
    { id: 12, authorRole: "agent", sentAt: new Date("2026-03-02T10:00:50Z"), body: "Hola Marta, sí. Un saludo." },
  ],
});

describe("suggestForScorecard", () => {
  const parsed = parseScorecardDefinition({
    language: "es",
    categories: [
      {
        id: "c",
        title: "C",
        criteria: [
          {
            id: "greeting",
            title: "Saludo",
            scale: { kind: "three-point", labels: ["No", "Genérico", "Personal"] },
            autoQaFeature: "greeting",
          },
          { id: "speed", title: "Tiempo", scale: binary, naAllowed: true, autoQaFeature: "response-time-vs-channel-target" },
          { id: "need", title: "Necesidad", scale: four },
          { id: "unknown", title: "Otro", scale: binary, autoQaFeature: "redirect-detector" },
        ],
      },
    ],
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));

  it("suggests for linked criteria only, keyed by criterion id, with evidence pointing at message ids", () => {
    const results = suggestForScorecard(parsed.data, conversation("es"));
    expect([...results.keys()]).toEqual(["greeting", "speed"]);
    expect(results.get("greeting")).toMatchObject({
      status: "suggested",
      rating: 3,
      evidence: [
        { messageId: 12, text: "Hola" },
        { messageId: 12, text: "Marta" },
      ],
    });
    expect(results.get("speed")).toMatchObject({
      status: "suggested",
      rating: 0,
      reason: "all_late",
      evidence: [{ kind: "response_time", elapsedMs: 50_000, targetMs: 30_000 }],
    });
  });

  it("reads a conversation in another language in the scorecard's language", () => {
    expect(suggestForScorecard(parsed.data, conversation("other")).get("greeting")).toMatchObject({ status: "suggested", rating: 3 });
    expect(suggestForScorecard(parsed.data, conversation(null)).get("greeting")).toMatchObject({ status: "suggested" });
  });

  it("returns null for a criterion without a known link", () => {
    expect(suggestForCriterion({ id: "x", scale: binary, naAllowed: false, autoQaFeature: undefined }, conversation("es"))).toBeNull();
  });
});
