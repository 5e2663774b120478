import { describe, expect, it } from "vitest";
import { detectRegister, type RegisterVerdict, registerConsistency } from "./register";
import type { Language } from "./types";

describe("detectRegister", () => {
  it.each<[Language, string, RegisterVerdict]>([
    // usted
    ["es", "¿Puede confirmarme su DNI?", "formal"],
    ["es", "Le confirmo que su pedido ha salido hoy.", "formal"],
    ["es", "Disculpe las molestias, ¿podría indicarme el número de pedido?", "formal"],
    ["es", "Indíqueme su dirección, por favor.", "formal"],
    ["es", "Usted recibirá un correo de confirmación.", "formal"],
    ["es", "No dude en escribirnos si necesita algo más.", "formal"],
    ["es", "Puede confirmarme su DNI? Le escribo por su pedido", "formal"],
    // tú
    ["es", "¿Me pasas tu número de pedido?", "informal"],
    ["es", "Te confirmo que tu pedido ha salido hoy.", "informal"],
    ["es", "Indícame la dirección, porfa.", "informal"],
    ["es", "No te preocupes, ya lo tienes solucionado.", "informal"],
    ["es", "¿Has recibido el correo?", "informal"],
    ["es", "Me pasas tu numero de pedido?", "informal"],
    ["es", "Tu pedido puede tardar 48 horas.", "informal"],
    // neither, or both
    ["es", "El pedido llegará mañana.", "undetermined"],
    ["es", "El envío puede tardar 48 horas.", "undetermined"],
    ["es", "Le pido disculpas. ¿Me pasas tu número de pedido?", "mixed"],
    ["en", "Dear Mr. Smith, please find attached your invoice. Kind regards", "formal"],
    ["en", "Kindly confirm your delivery address.", "formal"],
    ["en", "Hey! Gonna check that for you 👍", "informal"],
    ["en", "No worries, cheers!", "informal"],
    ["en", "Awesome 🎉 all done!!", "informal"],
    ["en", "Your order has shipped.", "undetermined"],
    ["en", "Dear Ana, your refund is done. Cheers", "mixed"],
  ])("%s: %s → %s", (lang, body, expected) => {
    const result = detectRegister(body, lang);
    expect(result.register).toBe(expected);
    for (const marker of result.markers) expect(body.slice(marker.start, marker.end)).toBe(marker.text);
  });

  it("returns the markers behind the verdict", () => {
    const result = detectRegister("¿Puede confirmarme su DNI?", "es");
    expect(result.markers.map((marker) => [marker.text, marker.register, marker.strength])).toEqual([
      ["Puede", "formal", "weak"],
      ["su", "formal", "weak"],
    ]);
  });
});

describe("registerConsistency", () => {
  it("is consistent when every decided message has the same register", () => {
    expect(registerConsistency(["formal", "undetermined", "formal"])).toEqual({
      dominant: "formal",
      consistent: true,
      shifts: [],
      mixedPositions: [],
    });
  });

  it("reports where the register changes and messages that mix both", () => {
    expect(registerConsistency(["formal", "undetermined", "informal", "mixed", "informal"])).toEqual({
      dominant: "informal",
      consistent: false,
      shifts: [{ position: 2, from: "formal", to: "informal" }],
      mixedPositions: [3],
    });
  });

  it("has no dominant register without decided messages", () => {
    expect(registerConsistency(["undetermined"]).dominant).toBeNull();
    expect(registerConsistency([]).consistent).toBe(true);
  });
});
