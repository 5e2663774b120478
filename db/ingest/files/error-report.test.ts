import { describe, expect, it } from "vitest";
import { errorReportCsv } from "./error-report";

describe("errorReportCsv", () => {
  it("writes one quoted, formula-safe row per error under a header", () => {
    const csv = errorReportCsv([
      { line: 3, externalId: "B-2", field: "sent_at", reason: '"ayer" is not a date' },
      { line: null, externalId: "=HYPERLINK()", field: "body", reason: "empty, message" },
    ]);
    expect(csv).toBe('\uFEFFline,conversation_id,field,reason\r\n3,B-2,sent_at,"""ayer"" is not a date"\r\n,\'=HYPERLINK(),body,"empty, message"\r\n');
  });
});
