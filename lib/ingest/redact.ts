import { maskSecrets } from "@/lib/detect/mask";
import { findSecrets } from "@/lib/detect/secrets";
import { lowerSameLength } from "@/lib/detect/types";
import { rawValueJson } from "./event";

// Masking for what the detectors do not report on but storage keeps: identifiers (model, end user,
// tool names, resources…) and the gateways' raw guardrail responses, which often quote the very
// secret the guardrail caught. All of an event's are checked together in one scan (joined by
// newlines), because they rarely hold a secret; only when that scan finds one is each masked alone.

export interface EventMasker {
  text: (value: string) => string;
  raw: (value: unknown) => unknown;
}

/** Strings recently found to hold no secret, up to a bounded number of characters (then forgotten all at once). */
const knownClean = new Set<string>();
const KNOWN_CLEAN_CHARS = 4 * 1024 * 1024;
let knownCleanChars = 0;

function rememberClean(value: string) {
  if (knownCleanChars + value.length > KNOWN_CLEAN_CHARS) {
    knownClean.clear();
    knownCleanChars = 0;
  }
  knownClean.add(value);
  knownCleanChars += value.length;
}

const UNCHANGED: EventMasker = { text: (value) => value, raw: (value) => value ?? null };

export function eventMasker(strings: readonly (string | undefined)[], raws: readonly unknown[], secretKey: string | Buffer): EventMasker {
  const serialized = new Map<unknown, string>();
  const parts: string[] = [];
  for (const value of strings) if (value) parts.push(value);
  for (const raw of raws) {
    if (raw === null || raw === undefined || typeof raw === "number" || typeof raw === "boolean") continue;
    const json = rawValueJson(raw);
    if (json === undefined) continue;
    serialized.set(raw, json);
    parts.push(json);
  }
  if (parts.length === 0) return UNCHANGED;
  // Most of these repeat from event to event (model, caller, tool and guardrail names, a guardrail's
  // usual answer): only the ones not seen clean lately are scanned.
  const unseen = parts.filter((part) => !knownClean.has(part));
  if (unseen.length === 0) return UNCHANGED;
  const probe = unseen.join("\n");
  if (findSecrets({ text: probe, lower: lowerSameLength(probe) }).length === 0) {
    for (const part of unseen) rememberClean(part);
    return UNCHANGED;
  }
  return {
    text: (value) => maskSecrets(value, secretKey).text,
    raw: (value) => {
      const json = serialized.get(value);
      return json === undefined ? (value ?? null) : maskSerialized(json, value, secretKey);
    },
  };
}

/**
 * A raw value scanned as serialized JSON, so a secret whose rule needs its field name
 * (`"aws_secret_access_key": "…"`, `"password": "…"`) is seen with it. Placeholders contain no quote
 * or backslash, so the masked JSON still parses unless a match ran across a string boundary; then
 * the masked JSON text is kept as a string rather than the raw value.
 */
function maskSerialized(json: string, value: unknown, secretKey: string | Buffer): unknown {
  const { text, secrets } = maskSecrets(json, secretKey);
  if (secrets.length === 0) return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
