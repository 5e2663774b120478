import { describe, expect, it } from "vitest";
import type { Channel } from "../sla/types";
import { detectChannelRedirects, type RedirectTarget } from "./redirects";
import type { Language } from "./types";

describe("detectChannelRedirects: redirects to another channel", () => {
  it.each<[Language, Channel, string, string, RedirectTarget[], boolean]>([
    [
      "es",
      "facebook",
      "Gracias por contactarnos, lamentablemente esta solución solo es posible atenderla en nuestro canal. Debes llamar al 600 600 1234.",
      "Debes llamar al 600 600 1234",
      ["phone"],
      false,
    ],
    ["es", "chat", "Para eso, escríbanos a soporte@tienda.es y se lo gestionan.", "escríbanos a soporte@tienda.es", ["email"], false],
    ["es", "email", "Puede llamarnos y lo resolvemos por teléfono.", "Puede llamarnos", ["phone"], false],
    ["es", "whatsapp", "Contacte por teléfono con el departamento de facturación.", "Contacte por teléfono", ["phone"], false],
    ["es", "twitter", "Llame al 900 123 456 de lunes a viernes.", "Llame al 900 123 456", ["phone"], false],
    ["es", "email", "Para cambiarlo tiene que acudir a una de nuestras tiendas.", "acudir a una de nuestras tiendas", ["in_person"], false],
    ["es", "chat", "Rellena el formulario de contacto de la web.", "Rellena el formulario de contacto", ["web_form"], false],
    ["es", "email", "Escribenos por WhatsApp al 600 111 222", "Escribenos por WhatsApp", ["whatsapp"], false],
    ["es", "email", "Si lo prefiere, también puede llamarnos al 900 123 456.", "puede llamarnos al 900 123 456", ["phone"], true],
    ["es", "email", "No dude en llamarnos si lo necesita.", "No dude en llamarnos", ["phone"], true],
    ["en", "chat", "Please call us on 0800 123 4567 so we can verify your identity.", "Please call us on 0800 123 4567", ["phone"], false],
    ["en", "whatsapp", "Contact us via email at help@shop.com and we'll sort it.", "Contact us via email", ["email"], false],
    ["en", "twitter", "Give us a call and we'll fix it.", "Give us a call", ["phone"], false],
    ["en", "email", "DM us your order number.", "DM us", ["twitter", "instagram", "facebook"], false],
    ["en", "chat", "You'll need to call our billing line for that.", "You'll need to call", ["phone"], false],
    ["en", "email", "Please fill in the contact form on our website.", "fill in the contact form", ["web_form"], false],
    ["en", "email", "Feel free to give us a call if you need anything.", "give us a call", ["phone"], true],
  ])("%s on %s: %s", (lang, channel, body, evidence, targets, softOffer) => {
    const result = detectChannelRedirects(body, lang, channel);
    expect(result.present).toBe(true);
    const [match] = result.matches;
    expect(match.text).toBe(evidence);
    expect(body.slice(match.start, match.end)).toBe(evidence);
    expect(match.targets).toEqual(targets);
    expect(match.softOffer).toBe(softOffer);
  });
});

describe("detectChannelRedirects: not a redirect", () => {
  it.each<[Language, Channel, string]>([
    ["es", "phone", "Ya está solucionado. No dude en llamarnos si lo necesita."],
    ["es", "email", "No hace falta que nos llame, ya está solucionado."],
    ["es", "email", "Le llamaremos mañana para confirmar la entrega."],
    ["es", "whatsapp", "Puede escribirnos por aquí cuando quiera."],
    ["es", "whatsapp", "Escríbanos por WhatsApp cuando lo tenga."],
    ["es", "chat", "Le he enviado un correo con la factura."],
    ["es", "email", "Escríbanos si tiene cualquier otra duda."],
    ["es", "email", "Su número de pedido es el 600123456."],
    ["en", "email", "Please email us the photos and we'll process the claim."],
    ["en", "email", "Contact us via email if anything else comes up."],
    ["en", "twitter", "DM us your order number and I'll check."],
    ["en", "chat", "We'll give you a call tomorrow to confirm."],
    ["en", "phone", "Thanks for calling, give us a call any time."],
    ["en", "email", "There's no need to call us, it's all sorted."],
  ])("%s on %s: %s", (lang, channel, body) => {
    const result = detectChannelRedirects(body, lang, channel);
    expect(result.present, JSON.stringify(result.matches)).toBe(false);
  });
});

describe("detectChannelRedirects: several instructions", () => {
  it("reports each channel separately", () => {
    const body = "Llame al 900 123 456 o escríbanos a soporte@tienda.es.";
    const result = detectChannelRedirects(body, "es", "chat");
    expect(result.matches.map((match) => [match.text, match.targets])).toEqual([
      ["Llame al 900 123 456", ["phone"]],
      ["escríbanos a soporte@tienda.es", ["email"]],
    ]);
  });

  it("drops only the instruction that points to the conversation's own channel", () => {
    const body = "Llame al 900 123 456 o escríbanos a soporte@tienda.es.";
    expect(detectChannelRedirects(body, "es", "email").matches.map((match) => match.targets)).toEqual([["phone"]]);
  });
});
