import { describe, expect, it } from "vitest";
import type { AuthorRole, ConversationMessage } from "../sla/types";
import { analyzeAgentMessage, analyzeConversationTone } from "./analyze";

const at = (minute: number) => new Date(Date.UTC(2025, 4, 12, 10, minute));
const message = (authorRole: AuthorRole, minute: number, body: string): ConversationMessage => ({
  authorRole,
  sentAt: at(minute),
  body,
});

describe("analyzeAgentMessage", () => {
  it("returns every feature with evidence that points into the message", () => {
    const body =
      "¡Hola, Marta! Lamento mucho lo ocurrido, le pido disculpas. ¿Puede confirmarme su DNI? Si lo prefiere, también puede llamarnos al 900 123 456. Un saludo 😊";
    const tone = analyzeAgentMessage(body, { lang: "es", channel: "email", customerName: "Marta López" });
    expect(tone.greeting.present).toBe(true);
    expect(tone.closing.present).toBe(true);
    expect(tone.customerName.matches.map((match) => match.text)).toEqual(["Marta"]);
    expect(tone.empathy.present).toBe(true);
    expect(tone.apology.matches.map((match) => match.text)).toEqual(["Lamento mucho lo ocurrido", "le pido disculpas"]);
    expect(tone.register.register).toBe("formal");
    expect(tone.style).toMatchObject({ sentenceCount: 5, exclamatorySentenceCount: 1, emojiCount: 1 });
    expect(tone.forbiddenPhrases.present).toBe(false);
    expect(tone.redirects.matches).toMatchObject([{ text: "puede llamarnos al 900 123 456", targets: ["phone"], softOffer: true }]);
    const evidence = [
      ...tone.greeting.matches,
      ...tone.closing.matches,
      ...tone.empathy.matches,
      ...tone.apology.matches,
      ...tone.register.markers,
      ...tone.style.emoji,
      ...tone.redirects.matches,
    ];
    for (const item of evidence) expect(body.slice(item.start, item.end)).toBe(item.text);
  });
});

describe("analyzeConversationTone", () => {
  // A WhatsApp conversation where the agent starts with usted and slips into tú.
  const conversation: ConversationMessage[] = [
    message("customer", 0, "Hola, me habéis cobrado dos veces el pedido 4411"),
    message("bot", 0, "¡Hola! 👋 Un agente te atenderá enseguida. ¡Gracias por tu paciencia!"),
    message("agent", 1, "Buenos días, Lucía. Lamento las molestias. ¿Puede indicarme los últimos cuatro dígitos de su tarjeta?"),
    message("customer", 2, "1234"),
    message("note", 2, "Doble cargo confirmado en la pasarela; no es mi problema, lo paso a finanzas"),
    message("agent", 4, "¡Perfecto! Ya te he devuelto el cargo duplicado, lo verás en 3-5 días 😊"),
    message("customer", 5, "Genial, gracias"),
    message("agent", 5, "¡A ti! Que tengas un buen día."),
  ];
  const tone = analyzeConversationTone(conversation, { lang: "es", channel: "whatsapp", customerName: "Lucía Romero" });

  it("analyses only the agent's messages and keeps their indexes", () => {
    expect(tone.agentMessageCount).toBe(3);
    expect(tone.messages.map((entry) => entry.messageIndex)).toEqual([2, 5, 7]);
  });

  it("checks the greeting in the first agent message and the closing in the last", () => {
    expect(tone.greetingInFirstMessage).toBe(true);
    expect(tone.closingInLastMessage).toBe(true);
  });

  it("locates name mentions and apologies", () => {
    expect(tone.customerNameMentions).toMatchObject([{ messageIndex: 2, match: { text: "Lucía" } }]);
    expect(tone.apologies).toMatchObject([{ messageIndex: 2, match: { text: "Lamento las molestias" } }]);
  });

  it("flags the change from usted to tú", () => {
    expect(tone.register.consistent).toBe(false);
    expect(tone.register.shifts).toEqual([{ messageIndex: 5, from: "formal", to: "informal" }]);
  });

  it("aggregates style over all agent text", () => {
    const sentenceTotal = tone.messages.reduce((sum, entry) => sum + entry.tone.style.sentenceCount, 0);
    expect(sentenceTotal).toBe(7);
    expect(tone.exclamationRate).toBeCloseTo(2 / 7, 10);
    expect(tone.wordCount).toBe(tone.messages.reduce((sum, entry) => sum + entry.tone.style.wordCount, 0));
    expect(tone.meanWordsPerMessage).toBeCloseTo(tone.wordCount / 3, 10);
    expect(tone.emojiPer100Words).toBeCloseTo((100 * 1) / tone.wordCount, 10);
    expect(tone.readability.lang).toBe("es");
    expect(tone.readability.words).toBe(tone.wordCount);
  });

  it("does not count the internal note's wording or the bot's", () => {
    expect(tone.forbiddenPhrases).toEqual([]);
    expect(tone.redirects).toEqual([]);
  });

  it("handles a conversation without agent messages", () => {
    const silent = analyzeConversationTone([conversation[0]], { lang: "es", channel: "whatsapp" });
    expect(silent).toMatchObject({
      agentMessageCount: 0,
      greetingInFirstMessage: false,
      closingInLastMessage: false,
      exclamationRate: null,
      meanWordsPerMessage: null,
      register: { dominant: null, consistent: true },
    });
  });

  it("reports forbidden phrases and redirects with their message", () => {
    const english = analyzeConversationTone(
      [
        message("customer", 0, "My parcel never arrived and nobody answers!"),
        message("agent", 1, "Please calm down. That's not our department, you'll need to call the courier."),
      ],
      { lang: "en", channel: "chat" },
    );
    expect(english.forbiddenPhrases.map(({ messageIndex, match }) => [messageIndex, match.rule])).toEqual([
      [1, "calm down"],
      [1, "that's not our department"],
    ]);
    expect(english.redirects).toMatchObject([{ messageIndex: 1, match: { text: "you'll need to call", targets: ["phone"] } }]);
  });
});
