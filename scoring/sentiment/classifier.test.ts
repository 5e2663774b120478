import { describe, expect, it } from "vitest";
import {
  classify,
  classifyWithFrustration,
  DEFAULT_SENTIMENT_MODEL,
  resolveModel,
  sentimentModelInfo,
  sentimentSettingsFromEnv,
} from "./classifier";
import { GOLDEN_CASES } from "./golden-cases";

const shipped = { model: DEFAULT_SENTIMENT_MODEL, allowRemoteModels: false } as const;

describe("the shipped sentiment model through the Transformers.js pipeline", () => {
  it.each(["q8", "fp32"] as const)("gets the clear golden cases right in both languages (%s)", async (dtype) => {
    const results = await classify(
      GOLDEN_CASES.map((c) => c.text),
      { settings: { ...shipped, dtype }, batchSize: 16 },
    );
    for (const lang of ["es", "en"] as const) {
      const cases = GOLDEN_CASES.map((c, i) => ({ ...c, predicted: results[i].label })).filter((c) => c.lang === lang);
      const correct = cases.filter((c) => c.predicted === c.label).length;
      expect(correct, `${lang}: ${JSON.stringify(cases.filter((c) => c.predicted !== c.label))}`).toBeGreaterThanOrEqual(17);
    }
    for (const result of results) {
      const total = result.scores.negative + result.scores.neutral + result.scores.positive;
      expect(total).toBeCloseTo(1, 4);
      expect(result.score).toBe(result.scores[result.label]);
    }
  });

  // q8 quantizes activations per batch (padding included), so its scores move by up to ~0.01 with the batch.
  it.each([
    ["fp32", 4],
    ["q8", 1],
  ] as const)("returns results in input order whatever the batching (%s)", async (dtype, digits) => {
    const texts = GOLDEN_CASES.map((c) => c.text).reverse();
    const settings = { ...shipped, dtype };
    const one = await classify(texts, { settings, batchSize: 1 });
    const many = await classify(texts, { settings, batchSize: 7 });
    expect(many.map((r) => r.label)).toEqual(one.map((r) => r.label));
    for (const [i, result] of many.entries()) {
      expect(result.score).toBeCloseTo(one[i].score, digits);
    }
  });

  it("reads the frustration output next to the same sentiment", async () => {
    const texts = [
      "ES LA TERCERA VEZ QUE LLAMO!!! quiero hablar con un supervisor o me doy de baja",
      "third time I'm chasing this, still no refund, I'm reporting you to the ombudsman",
      "¿A qué hora abre la tienda el sábado?",
      "Thanks so much, all sorted!",
    ];
    const withFrustration = await classifyWithFrustration(texts, { settings: shipped });
    const plain = await classify(texts, { settings: shipped });
    expect(withFrustration.map((r) => r.label)).toEqual(plain.map((r) => r.label));
    const [angryEs, angryEn, question, thanks] = withFrustration.map((r) => r.frustrated ?? Number.NaN);
    expect(Math.min(angryEs, angryEn)).toBeGreaterThan(0.5);
    expect(Math.max(question, thanks)).toBeLessThan(0.2);
  });

  it("classifies an empty list and an empty text", async () => {
    expect(await classify([], { settings: shipped })).toEqual([]);
    const [empty] = await classify([""], { settings: shipped });
    expect(["negative", "neutral", "positive"]).toContain(empty.label);
  });

  it("reports its id and version for prediction rows", () => {
    expect(sentimentModelInfo(shipped)).toEqual({ modelId: DEFAULT_SENTIMENT_MODEL, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  });
});

describe("model settings", () => {
  it("defaults to the shipped model, offline", () => {
    expect(sentimentSettingsFromEnv({})).toEqual({ model: DEFAULT_SENTIMENT_MODEL, allowRemoteModels: false, dtype: undefined });
  });

  it("reads SENTIMENT_MODEL, ALLOW_REMOTE_MODELS and SENTIMENT_DTYPE", () => {
    expect(
      sentimentSettingsFromEnv({
        SENTIMENT_MODEL: "Xenova/bert-base-multilingual-uncased-sentiment",
        ALLOW_REMOTE_MODELS: "1",
        SENTIMENT_DTYPE: "fp32",
      }),
    ).toEqual({ model: "Xenova/bert-base-multilingual-uncased-sentiment", allowRemoteModels: true, dtype: "fp32" });
    expect(() => sentimentSettingsFromEnv({ SENTIMENT_DTYPE: "float" })).toThrow(/SENTIMENT_DTYPE/);
  });

  it("resolves a folder, a shipped model id and a hub id", () => {
    const shippedModel = resolveModel(DEFAULT_SENTIMENT_MODEL);
    expect(shippedModel.folder).toMatch(/scoring\/sentiment\/models\/calidad-sentiment-es-en$/);
    expect(resolveModel("./scoring/sentiment/models/calidad-sentiment-es-en")).toEqual(shippedModel);
    expect(resolveModel("Xenova/bert-base-multilingual-uncased-sentiment")).toMatchObject({
      modelId: "Xenova/bert-base-multilingual-uncased-sentiment",
      folder: null,
    });
    expect(() => resolveModel("/nowhere/model")).toThrow(/not found/);
  });

  it("refuses a model it would have to download when remote models are off", async () => {
    await expect(classify(["hola"], { settings: { model: "Xenova/not-downloaded", allowRemoteModels: false } })).rejects.toThrow(
      /ALLOW_REMOTE_MODELS/,
    );
  });
});
