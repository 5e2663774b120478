import { describe, expect, it } from "vitest";
import { customerNameTokens, detectCustomerName } from "./customer-name";

describe("customerNameTokens", () => {
  it("keeps given names and surnames, folded, without particles", () => {
    expect(customerNameTokens("María José de la Fuente Núñez")).toEqual(["maria", "jose", "fuente", "nunez"]);
  });
});

describe("detectCustomerName", () => {
  it.each([
    ["Hola, María, ya está solucionado.", "María José Fernández", ["María"]],
    ["Hola Maria, ya esta solucionado.", "María José Fernández", ["Maria"]],
    ["Buenos días, Sra. Fernández.", "María José Fernández", ["Fernández"]],
    ["Thanks, Bill! Your bill is attached.", "Bill Evans", ["Bill"]],
    ["hola maria, ya lo tienes", "María Pérez", ["maria"]],
  ])("%s (%s)", (body, name, expected) => {
    const result = detectCustomerName(body, name);
    expect(result.matches.map((match) => match.text)).toEqual(expected);
    for (const match of result.matches) expect(body.slice(match.start, match.end)).toBe(match.text);
  });

  it.each([
    ["Your bill is attached.", "Bill Evans"],
    ["La camiseta rosa está agotada.", "Rosa Martín"],
    ["Hola, ya está solucionado.", "María Pérez"],
    ["Hola Marta", null],
  ])("does not trigger: %s (%s)", (body, name) => {
    expect(detectCustomerName(body, name).present).toBe(false);
  });
});
