import { describe, expect, it } from "vitest";
import { htmlToText } from "./html";

describe("htmlToText", () => {
  it("turns an HTML body into clean text with its paragraphs", () => {
    const html = '<div class="zd-comment"><p dir="auto">Hola Marta,</p><p>Ya está <b>solucionado</b>. Mira <a href="https://x.test/a">aquí</a>&nbsp;👍</p><img src="x.png"></div>';
    expect(htmlToText(html)).toBe("Hola Marta,\n\nYa está solucionado. Mira aquí 👍");
  });

  it("keeps line breaks and decodes entities", () => {
    expect(htmlToText("Línea 1<br>Línea 2 &amp; más")).toBe("Línea 1\nLínea 2 & más");
  });

  it("leaves plain text, including text with angle brackets, as it is", () => {
    expect(htmlToText("Si 3 < 5 y 5 > 3\nentonces ok")).toBe("Si 3 < 5 y 5 > 3\nentonces ok");
  });
});
