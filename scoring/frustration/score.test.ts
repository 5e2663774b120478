import { describe, expect, it } from "vitest";
import type { AuthorRole } from "../sla";
import { scoreFrustration } from "./score";
import type { FrustrationConversation, FrustrationMessage, MessageSentiment } from "./types";
import { DEFAULT_FRUSTRATION_THRESHOLD, DEFAULT_FRUSTRATION_WEIGHTS as weights, logistic } from "./weights";

const start = new Date("2025-04-01T10:00:00Z").getTime();
const SECOND = 1_000;

function message(authorRole: AuthorRole, offsetSeconds: number, body: string, sentiment?: MessageSentiment): FrustrationMessage {
  return { authorRole, sentAt: new Date(start + offsetSeconds * SECOND), body, sentiment };
}

const negative = (score: number): MessageSentiment => ({
  label: "negative",
  score,
  scores: { negative: score, neutral: 1 - score, positive: 0 },
});
const neutral: MessageSentiment = { label: "neutral", score: 0.9, scores: { negative: 0.05, neutral: 0.9, positive: 0.05 } };
const positive: MessageSentiment = { label: "positive", score: 0.9, scores: { negative: 0.02, neutral: 0.08, positive: 0.9 } };

function chat(language: "es" | "en", messages: FrustrationMessage[]): FrustrationConversation {
  return { channel: "chat", language, messages };
}

describe("scoreFrustration", () => {
  it("is logistic(bias) with no evidence, and not flagged", () => {
    const result = scoreFrustration(
      chat("en", [message("customer", 0, "Hi, what time do you open on Sunday?"), message("agent", 10, "At 10am!")]),
    );
    expect(result.reasons).toEqual([]);
    expect(result.logit).toBe(weights.bias);
    expect(result.score).toBeCloseTo(logistic(weights.bias));
    expect(result.flagged).toBe(false);
    expect(result.threshold).toBe(DEFAULT_FRUSTRATION_THRESHOLD);
    expect(result.sentimentAvailable).toBe(false);
  });

  it("adds each kind of reason once to the logit, with the evidence a reviewer can check", () => {
    const body = "ES LA TERCERA VEZ QUE ESCRIBO. Es la tercera vez que escribo!!!";
    const result = scoreFrustration(chat("es", [message("customer", 0, body), message("agent", 10, "Lo siento")]));
    expect(result.reasons.map((reason) => reason.kind)).toEqual(["repeat_contact", "shouting", "punctuation_runs"]);
    expect(result.logit).toBeCloseTo(weights.bias + weights.repeatContact + weights.shouting + weights.punctuationRun);
    expect(result.score).toBeCloseTo(logistic(result.logit));
    expect(result.flagged).toBe(true);
    const [repeat] = result.reasons;
    if (repeat.kind !== "repeat_contact") throw new Error("expected repeat_contact first");
    expect(repeat.evidence).toHaveLength(2);
    for (const evidence of repeat.evidence) expect(body.slice(evidence.start, evidence.end)).toBe(evidence.text);
  });

  it("reads only the customer's words: agents, bots and notes may say anything", () => {
    const result = scoreFrustration(
      chat("en", [
        message("customer", 0, "Hi, my discount code isn't applying"),
        message("agent", 10, "I can escalate this to my manager if you'd like, this is the third time today!!!"),
        message("bot", 11, "YOU CAN ALSO CANCEL ANY TIME"),
        message("note", 12, "customer furious, threatened the Ombudsman last week"),
      ]),
    );
    expect(result.reasons).toEqual([]);
  });

  it("points evidence at the caller's indexes even when messages are out of order", () => {
    const result = scoreFrustration(
      chat("en", [
        message("agent", 20, "Sorry about that"),
        message("customer", 0, "Unacceptable. Charged twice."),
        message("customer", 30, "hello?"),
      ]),
    );
    const exasperation = result.reasons.find((reason) => reason.kind === "exasperation");
    expect(exasperation?.evidence).toEqual([{ messageIndex: 1, rule: "unacceptable", start: 0, end: 12, text: "Unacceptable" }]);
  });

  it("flags at a configurable threshold and takes weight overrides", () => {
    const conversation = chat("en", [message("customer", 0, "I'd like to speak to a manager please"), message("agent", 10, "Of course")]);
    const byDefault = scoreFrustration(conversation);
    expect(byDefault.flagged).toBe(true);
    expect(scoreFrustration(conversation, { settings: { threshold: 0.9 } }).flagged).toBe(false);
    const softer = scoreFrustration(conversation, { weights: { supervisorRequest: 1 } });
    expect(softer.logit).toBeCloseTo(weights.bias + 1);
    expect(softer.flagged).toBe(false);
  });

  it("rejects settings that cannot work", () => {
    const conversation = chat("en", [message("customer", 0, "hi")]);
    expect(() => scoreFrustration(conversation, { settings: { threshold: 1.5 } })).toThrow(RangeError);
    expect(() => scoreFrustration(conversation, { settings: { longWaitFactor: 10, veryLongWaitFactor: 5 } })).toThrow(RangeError);
    expect(() => scoreFrustration(conversation, { settings: { previousContactWindowDays: 0 } })).toThrow(RangeError);
  });

  it("uses sentiment when the model ran: negative messages weighted by probability, and a worsening trajectory", () => {
    const result = scoreFrustration(
      chat("en", [
        message("customer", 0, "Hi, any update on my refund?", neutral),
        message("agent", 10, "It can take 21 days"),
        message("customer", 20, "The website says 5.", negative(0.8)),
        message("agent", 25, "That's the current timeframe"),
        message("customer", 30, "I just want my money back.", negative(0.9)),
      ]),
    );
    expect(result.sentimentAvailable).toBe(true);
    const negatives = result.reasons.find((reason) => reason.kind === "negative_messages");
    expect(negatives?.contribution).toBeCloseTo(weights.negativeMessage * (0.9 + 0.8));
    expect(negatives?.evidence).toEqual([
      { messageIndex: 4, label: "negative", score: 0.9 },
      { messageIndex: 2, label: "negative", score: 0.8 },
    ]);
    expect(result.reasons.map((reason) => reason.kind)).toContain("worsening_trajectory");
  });

  it("caps the number of negative messages that count", () => {
    const messages = [0, 10, 20, 30, 40].map((offset) => message("customer", offset, "…", negative(1)));
    const result = scoreFrustration(chat("en", messages), { settings: { maxNegativeMessages: 2 } });
    expect(result.reasons.find((reason) => reason.kind === "negative_messages")?.contribution).toBeCloseTo(2 * weights.negativeMessage);
  });

  it("pulls the score down when the customer ends with warm thanks, but not for thanks that carry a cue", () => {
    const roughStart = [
      message("customer", 0, "Esto es una tomadura de pelo, el cupón no funciona"),
      message("agent", 20, "Perdona, ya te he aplicado el descuento"),
    ];
    const thanked = scoreFrustration(chat("es", [...roughStart, message("customer", 40, "Vale, ahora sí. Muchas gracias")]));
    expect(thanked.reasons.map((reason) => reason.kind)).toEqual(["exasperation", "ends_satisfied"]);
    expect(thanked.logit).toBeCloseTo(weights.bias + weights.exasperation + weights.endsSatisfied);
    expect(thanked.flagged).toBe(false);
    const satisfied = thanked.reasons[1];
    if (satisfied.kind !== "ends_satisfied") throw new Error("expected ends_satisfied last");
    expect(satisfied.evidence.phrase?.text).toBe("Muchas gracias");
    const sarcastic = scoreFrustration(chat("es", [...roughStart, message("customer", 40, "Muchas gracias por nada")]));
    expect(sarcastic.reasons.map((reason) => reason.kind)).not.toContain("ends_satisfied");
  });

  it("counts a positive last prediction as ending satisfied, and a negative one never", () => {
    const opening = message("customer", 0, "Unacceptable, the parcel is late");
    const reply = message("agent", 20, "Refunded");
    expect(scoreFrustration(chat("en", [opening, reply, message("customer", 30, "ok", positive)])).reasons.at(-1)?.kind).toBe(
      "ends_satisfied",
    );
    expect(
      scoreFrustration(chat("en", [opening, reply, message("customer", 30, "Thank you so much", negative(0.7))])).reasons.map(
        (reason) => reason.kind,
      ),
    ).not.toContain("ends_satisfied");
  });

  it("reads capitals and '!!!' next to thanks or a smile as excitement", () => {
    const result = scoreFrustration(chat("en", [message("customer", 0, "JUST GOT MY RING AND I'M OBSESSED!!! thank youuu")]));
    expect(result.reasons).toEqual([]);
  });

  it("counts a long wait against the channel's target and a previous contact on another channel", () => {
    const conversation: FrustrationConversation = {
      channel: "email",
      language: "en",
      topicHint: "boiler",
      messages: [message("customer", 0, "The engineer did not come.")],
    };
    const result = scoreFrustration(conversation, {
      asOf: new Date(start + 30 * 3_600_000),
      previousContacts: [{ channel: "phone", createdAt: new Date(start - 2 * 86_400_000), topicHint: "boiler" }],
    });
    expect(result.reasons.map((reason) => reason.kind)).toEqual(["long_wait", "previous_contact"]);
    expect(result.logit).toBeCloseTo(weights.bias + weights.previousContactOtherChannel + weights.veryLongWait);
    expect(result.flagged).toBe(false);
  });
});
