import { describe, expect, it } from "vitest";
import { en } from "./en";
import { es } from "./es";
import { createI18n, localeFromAcceptLanguage } from "./i18n";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe("i18n", () => {
  it("has the same keys in Spanish and English, none empty", () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
    for (const key of keys(es)) {
      const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], es);
      expect(value, key).not.toBe("");
    }
  });

  it("translates with interpolation in both languages", () => {
    expect(createI18n("es").t("conversations.showing", { count: 3 })).toBe("Mostrando 3 conversaciones");
    expect(createI18n("en").t("conversations.showing", { count: 3 })).toBe("Showing 3 conversations");
  });

  it("negotiates the browser language", () => {
    expect(localeFromAcceptLanguage("es-ES,es;q=0.9,en;q=0.8")).toBe("es");
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,en-US;q=0.7,es;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0.2, es-MX;q=0.8")).toBe("es");
    expect(localeFromAcceptLanguage("de, fr")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });
});
