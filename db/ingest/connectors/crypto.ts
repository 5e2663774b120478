import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export class ConnectorKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConnectorKeyError";
  }
}

/** The AES-256 key from CONNECTOR_SECRET_KEY: 32 bytes as base64 (44 characters) or hex (64 characters). */
export function connectorKey(env: Partial<Record<string, string>> = process.env): Buffer {
  const raw = env.CONNECTOR_SECRET_KEY?.trim();
  if (!raw) {
    throw new ConnectorKeyError(
      "CONNECTOR_SECRET_KEY is not set: connector credentials are stored encrypted with it. Generate one with `openssl rand -base64 32` and set it in the environment.",
    );
  }
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new ConnectorKeyError("CONNECTOR_SECRET_KEY must be 32 bytes, as base64 (openssl rand -base64 32) or 64 hex characters.");
  return key;
}

/** AES-256-GCM: `iv.tag.ciphertext` in base64url; the tag makes any tampering fail on decryption. */
export function encryptSecret(plain: string, key: Buffer = connectorKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const encrypted = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), encrypted].map((part) => part.toString("base64url")).join(".");
}

export function decryptSecret(sealed: string, key: Buffer = connectorKey()): string {
  const [iv, tag, encrypted] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !tag || !encrypted) throw new ConnectorKeyError("Stored connector credentials are malformed.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(encrypted), decipher.final()]).toString("utf8");
  } catch {
    throw new ConnectorKeyError("Stored connector credentials cannot be decrypted: CONNECTOR_SECRET_KEY changed since they were saved. Enter the token again.");
  }
}
