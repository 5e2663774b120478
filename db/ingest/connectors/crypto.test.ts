import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConnectorKeyError, connectorKey, decryptSecret, encryptSecret } from "./crypto";

describe("connector credential encryption", () => {
  const key = randomBytes(32);

  it("round-trips, with a fresh IV each time, and never contains the secret", () => {
    const a = encryptSecret('{"apiToken":"s3cr3t"}', key);
    const b = encryptSecret('{"apiToken":"s3cr3t"}', key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("s3cr3t");
    expect(decryptSecret(a, key)).toBe('{"apiToken":"s3cr3t"}');
  });

  it("fails clearly with another key or a tampered value", () => {
    const sealed = encryptSecret("token", key);
    expect(() => decryptSecret(sealed, randomBytes(32))).toThrow(/CONNECTOR_SECRET_KEY changed/);
    const [iv, tag, data] = sealed.split(".");
    const tampered = [iv, tag, `${data.slice(0, -2)}AA`].join(".");
    expect(() => decryptSecret(tampered, key)).toThrow(ConnectorKeyError);
  });

  it("reads the key as base64 or hex and explains a missing or short one", () => {
    expect(connectorKey({ CONNECTOR_SECRET_KEY: key.toString("base64") })).toEqual(key);
    expect(connectorKey({ CONNECTOR_SECRET_KEY: key.toString("hex") })).toEqual(key);
    expect(() => connectorKey({})).toThrow(/CONNECTOR_SECRET_KEY is not set/);
    expect(() => connectorKey({ CONNECTOR_SECRET_KEY: "c2hvcnQ=" })).toThrow(/32 bytes/);
  });
});
