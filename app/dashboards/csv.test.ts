import { describe, expect, it } from "vitest";
import { csvResponse, toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes what needs quoting and keeps numbers readable", () => {
    expect(toCsv(["agent", "redirects", "rate"], [["Ortega, Javier", 3, 12.345], ['Sergio "Navarro"', 0, null]])).toBe(
      'agent,redirects,rate\r\n"Ortega, Javier",3,12.35\r\n"Sergio ""Navarro""",0,\r\n',
    );
  });

  it("defuses spreadsheet formulas in text but not negative numbers", () => {
    expect(toCsv(["name", "delta"], [["=HYPERLINK(\"x\")", -4.5]])).toBe("name,delta\r\n\"'=HYPERLINK(\"\"x\"\")\",-4.50\r\n");
  });

  it("answers as a UTF-8 attachment with a byte-order mark so spreadsheets read accents", async () => {
    const response = csvResponse("equipo soporte.csv", toCsv(["canal"], [["Teléfono"]]));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="equipo_soporte.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe("canal\r\nTeléfono\r\n");
  });
});
