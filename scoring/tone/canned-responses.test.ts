import { describe, expect, it } from "vitest";
import { type CannedResponseCandidate, findCannedResponses, normalizeForDuplicateDetection } from "./canned-responses";

const template = (name: string, order: string, hours: string, extra = "") =>
  `Hola ${name}, sentimos ${extra}las molestias. Hemos revisado su pedido ${order} y saldrá de nuestro almacén en un plazo de ${hours} horas laborables. Recibirá un correo con el número de seguimiento en cuanto lo recoja el transportista. Un saludo.`;

const batch: CannedResponseCandidate[] = [
  { id: "m1", conversationId: "c1", customerName: "Ana García", body: template("Ana", "PED-12345", "48") },
  { id: "m2", conversationId: "c2", customerName: "Luis Pérez", body: template("Luis", "PED-99881", "24") },
  {
    id: "m3",
    conversationId: "c3",
    customerName: "Tom Baker",
    body: "Hi Tom, thanks for reaching out. Your refund for order 4471 has been processed and should appear on your statement within 5-7 business days. Best regards",
  },
  { id: "m4", conversationId: "c4", customerName: "Eva Sanz", body: template("Eva", "PED-5555", "48", "mucho ") },
  {
    id: "m5",
    conversationId: "c5",
    customerName: "Sarah Jones",
    body: "Hi Sarah, thanks for reaching out. Your refund for order 90210 has been processed and should appear on your statement within 3-5 business days. Best regards",
  },
  {
    id: "m6",
    conversationId: "c6",
    customerName: "Pablo Ruiz",
    body: "Buenos días Pablo, le confirmo que el reembolso de 35,90 € se ha emitido hoy a la tarjeta terminada en 4321 y lo verá en 3 a 5 días.",
  },
  { id: "m7", conversationId: "c1", customerName: "Ana García", body: "¡Gracias a ti, Ana!" },
  { id: "m8", conversationId: "c2", customerName: "Luis Pérez", body: "¡Gracias a ti, Luis!" },
];

describe("normalizeForDuplicateDetection", () => {
  it("replaces the customer's name, numbers, codes, e-mail addresses and links", () => {
    expect(
      normalizeForDuplicateDetection(
        "Hola María, su pedido PED-12345 (29,90 €) llega el 12/05. Dudas: ayuda@tienda.es o https://tienda.es/ayuda",
        "María López",
      ),
    ).toBe("hola #name su pedido #num #num llega el #num dudas #email o #url");
  });
});

describe("findCannedResponses", () => {
  const groups = findCannedResponses(batch);

  it("groups the same template across conversations, whatever the name and numbers", () => {
    expect(groups.map((group) => group.members.map((member) => member.id))).toEqual([
      ["m1", "m2", "m4"],
      ["m3", "m5"],
    ]);
    expect(groups[0].conversationCount).toBe(3);
    expect(groups[0].representativeId).toBe("m1");
    expect(groups[0].normalizedText.startsWith("hola #name sentimos las molestias")).toBe(true);
  });

  it("reports how close each member is to the representative", () => {
    const [spanish] = groups;
    expect(spanish.members[0].similarity).toBe(1);
    expect(spanish.members[1].similarity).toBe(1);
    expect(spanish.members[2].similarity).toBeGreaterThanOrEqual(0.8);
    expect(spanish.members[2].similarity).toBeLessThan(1);
  });

  it("ignores short messages and distinct ones", () => {
    const ids = groups.flatMap((group) => group.members.map((member) => member.id));
    expect(ids).not.toContain("m6");
    expect(ids).not.toContain("m7");
  });

  it("needs the template in more than one conversation", () => {
    const sameConversation = batch.slice(0, 2).map((message) => ({ ...message, conversationId: "c1" }));
    expect(findCannedResponses(sameConversation)).toEqual([]);
    expect(findCannedResponses(sameConversation, { minConversations: 1 })).toHaveLength(1);
  });

  it("respects a stricter threshold", () => {
    const strict = findCannedResponses(batch, { threshold: 0.95 });
    expect(strict[0].members.map((member) => member.id)).toEqual(["m1", "m2"]);
  });

  it("is deterministic and independent of input order", () => {
    expect(findCannedResponses(batch)).toEqual(groups);
    const reversed = findCannedResponses([...batch].reverse());
    expect(reversed.map((group) => group.members.map((member) => member.id).sort())).toEqual([
      ["m1", "m2", "m4"],
      ["m3", "m5"],
    ]);
  });

  it("rejects inconsistent options", () => {
    expect(() => findCannedResponses(batch, { threshold: 0 })).toThrow(RangeError);
    expect(() => findCannedResponses(batch, { hashCount: 100, bandCount: 32 })).toThrow(RangeError);
  });
});
