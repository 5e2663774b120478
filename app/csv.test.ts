import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csv", () => {
  it("quotes commas, quotes and line breaks and leaves plain text alone", () => {
    expect(csvCell("Soporte España")).toBe("Soporte España");
    expect(csvCell('Dijo "no", otra vez\nfin')).toBe('"Dijo ""no"", otra vez\nfin"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(97.25)).toBe("97.25");
    expect(csvCell(new Date("2026-11-22T10:00:00Z"))).toBe("2026-11-22T10:00:00.000Z");
  });

  it("neutralises text that a spreadsheet would run as a formula, but not negative numbers", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell(-2)).toBe("-2");
  });

  it("writes a BOM, a header and CRLF rows", () => {
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("\uFEFFa,b\r\n1,x\r\n");
  });
});
