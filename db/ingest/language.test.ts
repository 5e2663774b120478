import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language";

describe("detectLanguage", () => {
  it.each([
    ["Hola, no me llega el pedido desde hace una semana", "es"],
    ["El cargo aparece duplicado en la factura de marzo", "es"],
    ["¿Me podéis ayudar?", "es"],
    ["Perfecto, muchas gracias", "es"],
    ["Gracias", "es"],
    ["Hi, my order has not arrived yet", "en"],
    ["I was charged twice on my last invoice", "en"],
    ["Can you help me?", "en"],
    ["Perfect, thank you so much", "en"],
    ["Thanks!", "en"],
  ])("tells Spanish from English in support messages: %s", (text, language) => {
    expect(detectLanguage([text])).toBe(language);
  });

  it("decides on the whole conversation, so a short reply does not flip it", () => {
    expect(detectLanguage(["Buenos días, quiero cancelar mi suscripción antes de la renovación", "ok", "Hecho, ya está cancelada"])).toBe("es");
    expect(detectLanguage(["Hello, I would like to cancel my subscription before it renews", "ok", "Done, it is cancelled"])).toBe("en");
  });

  it("says other only when it is sure of another language", () => {
    expect(detectLanguage(["Bonjour, je n'ai toujours pas reçu ma commande, pouvez-vous vérifier le suivi ?"])).toBe("other");
    expect(detectLanguage(["Guten Tag, meine Bestellung ist noch nicht angekommen, können Sie das prüfen?"])).toBe("other");
  });

  it("returns null when there is nothing to go on", () => {
    expect(detectLanguage([])).toBeNull();
    expect(detectLanguage(["", null, "   "])).toBeNull();
    expect(detectLanguage(["ok"])).toBeNull();
    expect(detectLanguage(["https://example.com/x ana@example.com"])).toBeNull();
  });
});
