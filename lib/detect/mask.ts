import { createHmac } from "node:crypto";
import { findSecrets } from "./secrets";
import { lowerSameLength } from "./types";

// Secrets are masked before anything is written. What is kept (kind, last four characters and a keyed
// hash) lets an analyst recognise the same leaked key across interactions without storing the key.

export interface MaskedSecret {
  kind: string;
  lastFour: string;
  /** HMAC-SHA256 of the secret under the deployment's key, hex. */
  keyedHash: string;
  /** Span in the original text. */
  start: number;
  end: number;
}

export interface MaskResult {
  text: string;
  secrets: MaskedSecret[];
}

export function keyedSecretHash(secret: string, key: string | Buffer): string {
  return createHmac("sha256", key).update(secret, "utf8").digest("hex");
}

/** The last four characters kept of a secret, or "" when it is too short to give any away. */
export function secretLastFour(secret: string): string {
  // Too short a secret would give most of itself away in four characters.
  return secret.length >= 16 ? secret.slice(-4) : "";
}

/** What a masked secret is replaced with: "[SECRET:<kind>:…<last four>]". */
export function secretPlaceholder(kind: string, lastFour: string): string {
  return `[SECRET:${kind}${lastFour ? `:…${lastFour}` : ""}]`;
}

export function maskSecrets(text: string, key: string | Buffer): MaskResult {
  const found = findSecrets({ text, lower: lowerSameLength(text) });
  if (found.length === 0) return { text, secrets: [] };
  let masked = "";
  let cursor = 0;
  const secrets: MaskedSecret[] = [];
  for (const { rule, start, end, secret } of found) {
    const lastFour = secretLastFour(secret);
    masked += text.slice(cursor, start) + secretPlaceholder(rule.id, lastFour);
    cursor = end;
    secrets.push({ kind: rule.id, lastFour, keyedHash: keyedSecretHash(secret, key), start, end });
  }
  return { text: masked + text.slice(cursor), secrets };
}
