import { describe, expect, it } from "vitest";
import type { BusinessSchedule } from "./business-hours";
import { measureResponseTimes } from "./response-times";
import { mergeSlaTargets } from "./targets";
import type { AuthorRole, ConversationMessage } from "./types";

const MINUTE = 60_000;

const message = (authorRole: AuthorRole, iso: string, body: string): ConversationMessage => ({
  authorRole,
  sentAt: new Date(iso),
  body,
});

describe("measureResponseTimes on a WhatsApp conversation", () => {
  const conversation = [
    message("customer", "2025-05-12T10:00:00Z", "Hola, mi pedido 4411 no ha llegado"),
    message("bot", "2025-05-12T10:00:01Z", "Gracias por escribirnos. Un agente te atenderá en breve."),
    message("customer", "2025-05-12T10:00:05Z", "Lo pedí hace una semana"),
    message("agent", "2025-05-12T10:00:25Z", "Hola Marta, lo reviso ahora mismo."),
    message("note", "2025-05-12T10:00:40Z", "Transportista con incidencias en Valencia"),
    message("customer", "2025-05-12T10:01:00Z", "Vale, gracias"),
    message("agent", "2025-05-12T10:01:40Z", "Sale hoy con entrega mañana antes de las 14:00."),
  ];
  const result = measureResponseTimes(conversation, { channel: "whatsapp" });

  it("starts the clock at the first customer message and ignores the bot's auto-reply", () => {
    expect(result.firstResponseMs).toBe(25_000);
    expect(result.replies[0]).toMatchObject({
      customerMessageIndex: 0,
      agentMessageIndex: 3,
      isFirstResponse: true,
      standard: { targetMs: 30_000, met: true },
      worldClass: { targetMs: 15_000, met: false },
    });
  });

  it("measures every later customer turn against the every-reply target", () => {
    expect(result.replies).toHaveLength(2);
    expect(result.replies[1]).toMatchObject({
      customerMessageIndex: 5,
      agentMessageIndex: 6,
      elapsedMs: 40_000,
      isFirstResponse: false,
      standard: { met: false },
    });
  });

  it("is answered, and resolved at the last agent message when no resolvedAt is known", () => {
    expect(result.unanswered).toBe(false);
    expect(result.pending).toBeNull();
    expect(result.resolutionMs).toBe(100_000);
    expect(result.resolutionSource).toBe("last_agent_message");
    expect(result.clock).toBe("calendar");
    expect(result.wasReordered).toBe(false);
  });
});

describe("measureResponseTimes with no agent reply", () => {
  const conversation = [
    message("customer", "2025-05-12T09:00:00Z", "Hello, I was charged twice for order 88123"),
    message("bot", "2025-05-12T09:00:02Z", "Thanks! An agent will reply shortly."),
    message("system", "2025-05-12T09:30:00Z", "Conversation assigned to Billing"),
  ];

  it("flags the conversation unanswered with no first response", () => {
    const result = measureResponseTimes(conversation, { channel: "email" });
    expect(result.unanswered).toBe(true);
    expect(result.unansweredReason).toBe("no_agent_reply");
    expect(result.firstResponseMs).toBeNull();
    expect(result.replies).toEqual([]);
    expect(result.resolutionMs).toBeNull();
    expect(result.pending).toMatchObject({ customerMessageIndex: 0, elapsedMs: null, standard: { met: null } });
  });

  it("knows the wait already breached the target when given asOf", () => {
    const result = measureResponseTimes(conversation, { channel: "email", asOf: new Date("2025-05-12T10:30:00Z") });
    expect(result.pending).toMatchObject({
      elapsedMs: 90 * MINUTE,
      isFirstResponse: true,
      standard: { targetMs: 60 * MINUTE, met: false },
      worldClass: { targetMs: 15 * MINUTE, met: false },
    });
  });

  it("keeps an unexpired wait undecided", () => {
    const result = measureResponseTimes(conversation, { channel: "email", asOf: new Date("2025-05-12T09:10:00Z") });
    expect(result.pending?.standard.met).toBeNull();
    expect(result.pending?.worldClass.met).toBeNull();
  });
});

describe("measureResponseTimes edge cases", () => {
  it("flags the customer having the last word", () => {
    const result = measureResponseTimes(
      [
        message("customer", "2025-05-12T09:00:00Z", "¿Hacéis envíos a Canarias?"),
        message("agent", "2025-05-12T09:20:00Z", "Sí, en 3-5 días laborables."),
        message("customer", "2025-05-12T09:25:00Z", "¿Y cuánto cuesta el envío?"),
      ],
      { channel: "instagram" },
    );
    expect(result.unansweredReason).toBe("customer_wrote_last");
    expect(result.pending?.isFirstResponse).toBe(false);
    expect(result.resolutionMs).toBeNull();
  });

  it("sorts messages given out of order and reports indexes into the caller's array", () => {
    const result = measureResponseTimes(
      [message("agent", "2025-05-12T09:05:00Z", "Buenos días, le ayudo."), message("customer", "2025-05-12T09:00:00Z", "Buenos días")],
      { channel: "email" },
    );
    expect(result.wasReordered).toBe(true);
    expect(result.firstResponseMs).toBe(5 * MINUTE);
    expect(result.replies[0]).toMatchObject({ customerMessageIndex: 1, agentMessageIndex: 0 });
  });

  it("keeps the caller's order for messages with the same timestamp", () => {
    const result = measureResponseTimes(
      [message("customer", "2025-05-12T09:00:00Z", "Hi"), message("agent", "2025-05-12T09:00:00Z", "Hi, how can I help?")],
      { channel: "chat" },
    );
    expect(result.wasReordered).toBe(false);
    expect(result.firstResponseMs).toBe(0);
  });

  it("rejects an invalid timestamp", () => {
    expect(() => measureResponseTimes([message("customer", "not a date", "Hola")], { channel: "chat" })).toThrow(/message 0/);
  });

  it("does not count an outbound agent opener as a reply", () => {
    const result = measureResponseTimes(
      [
        message("agent", "2025-05-12T08:00:00Z", "Hi Tom, your replacement card has shipped."),
        message("customer", "2025-05-12T11:00:00Z", "Thanks, when will it arrive?"),
        message("agent", "2025-05-12T11:10:00Z", "Within two working days."),
      ],
      { channel: "sms" },
    );
    expect(result.replies).toHaveLength(1);
    expect(result.firstResponseMs).toBe(10 * MINUTE);
    expect(result.replies[0].standard.met).toBe(true);
  });

  it("has nothing to measure without customer messages", () => {
    const result = measureResponseTimes([message("agent", "2025-05-12T08:00:00Z", "Recordatorio de su cita")], {
      channel: "sms",
    });
    expect(result.unanswered).toBe(false);
    expect(result.unansweredReason).toBeNull();
    expect(result.firstResponseMs).toBeNull();
  });

  it("has no world-class verdict where the channel has no world-class target (Twitter)", () => {
    const result = measureResponseTimes(
      [message("customer", "2025-05-12T09:00:00Z", "@marca ayuda"), message("agent", "2025-05-12T09:10:00Z", "Te escribimos por DM")],
      { channel: "twitter" },
    );
    expect(result.replies[0].standard).toEqual({ targetMs: 15 * MINUTE, met: true });
    expect(result.replies[0].worldClass).toEqual({ targetMs: null, met: null });
  });

  it("uses resolvedAt for resolution and rejects one before the conversation started", () => {
    const conversation = [
      message("customer", "2025-05-12T09:00:00Z", "Quiero devolver unas zapatillas"),
      message("agent", "2025-05-12T09:30:00Z", "Le envío la etiqueta de devolución."),
    ];
    const resolved = measureResponseTimes(conversation, {
      channel: "email",
      resolvedAt: new Date("2025-05-13T12:00:00Z"),
    });
    expect(resolved.resolutionSource).toBe("resolved_at");
    expect(resolved.resolutionMs).toBe(27 * 60 * MINUTE);
    expect(resolved.resolution.standard).toEqual({ targetMs: 24 * 60 * MINUTE, met: false });
    expect(() => measureResponseTimes(conversation, { channel: "email", resolvedAt: new Date("2025-05-12T08:00:00Z") })).toThrow(
      /resolvedAt/,
    );
  });

  it("applies admin targets", () => {
    const targets = mergeSlaTargets({ chat: { firstResponse: { standardMs: 60_000, worldClassMs: 45_000 } } });
    const result = measureResponseTimes(
      [message("customer", "2025-05-12T09:00:00Z", "Hola"), message("agent", "2025-05-12T09:00:50Z", "¡Hola! ¿En qué te ayudo?")],
      { channel: "chat", targets },
    );
    expect(result.replies[0].standard).toEqual({ targetMs: 60_000, met: true });
    expect(result.replies[0].worldClass).toEqual({ targetMs: 45_000, met: false });
  });
});

describe("measureResponseTimes in business hours", () => {
  const weekdays = [{ open: "09:00", close: "18:00" }];
  const madridOffice: BusinessSchedule = {
    timeZone: "Europe/Madrid",
    weekly: { monday: weekdays, tuesday: weekdays, wednesday: weekdays, thursday: weekdays, friday: weekdays },
  };
  // An email on Friday evening before the spring-forward weekend, answered on Monday morning.
  const conversation = [
    message("customer", "2025-03-28T18:40:00Z", "Buenas tardes, no puedo acceder a mi cuenta."),
    message("agent", "2025-03-31T07:20:00Z", "Buenos días, le hemos restablecido el acceso."),
  ];

  it("counts only opening hours, so a Monday 09:20 reply to a Friday 19:40 email meets the 1 h standard", () => {
    const result = measureResponseTimes(conversation, { channel: "email", businessSchedule: madridOffice });
    expect(result.clock).toBe("business");
    expect(result.firstResponseMs).toBe(20 * MINUTE);
    expect(result.replies[0].standard.met).toBe(true);
    expect(result.replies[0].worldClass.met).toBe(false);
  });

  it("is a breach on the calendar clock", () => {
    const result = measureResponseTimes(conversation, { channel: "email" });
    expect(result.replies[0].standard.met).toBe(false);
  });
});
