import type { DetectRole } from "@/lib/detect/types";

// Lenient readers for gateway JSON: gateways disagree on whether a number is a number or a string,
// whether a time is seconds, milliseconds or nanoseconds, and whether content is a string or a list
// of parts. Each reader answers undefined for what it cannot read, and the parser decides whether
// that is an error.

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** A non-empty string, or a finite number written as one (ids often arrive as numbers). */
export function asString(value: unknown): string | undefined {
  if (typeof value === "string") return value.length > 0 ? value : undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A finite number, from a number or a numeric string (OTLP int64 arrives as either). */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "" && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim())) {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** A token count or similar: a whole, non-negative, exactly representable number. */
export function asCount(value: unknown): number | undefined {
  const number = asNumber(value);
  const rounded = number === undefined ? undefined : Math.round(number);
  return rounded !== undefined && rounded >= 0 && Number.isSafeInteger(rounded) ? rounded : undefined;
}

/** Milliseconds rounded to the microsecond; undefined unless finite and non-negative (clock skew, overflow). */
export function milliseconds(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value) || value < 0) return undefined;
  const rounded = Math.round(value * 1000) / 1000;
  return Number.isFinite(rounded) ? rounded : undefined;
}

/** A duration or other quantity that cannot be negative; a negative one is treated as unknown. */
export function asNonNegative(value: unknown): number | undefined {
  const number = asNumber(value);
  return number !== undefined && number >= 0 ? number : undefined;
}

// Epoch values: below 1e11 are seconds (until year 5138), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
function epochToMs(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude < 1e11) return value * 1000;
  if (magnitude < 1e14) return value;
  if (magnitude < 1e17) return value / 1000;
  return value / 1e6;
}

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** A timestamp from an ISO string or an epoch number (s, ms, µs or ns); undefined when missing or implausible. */
export function asDate(value: unknown): Date | undefined {
  let ms: number | undefined;
  const number = asNumber(value);
  if (number !== undefined) ms = epochToMs(number);
  else if (typeof value === "string") {
    const parsed = Date.parse(value);
    ms = Number.isNaN(parsed) ? undefined : parsed;
  }
  if (ms === undefined || ms < EARLIEST || ms > LATEST) return undefined;
  return new Date(Math.round(ms));
}

/** Nanoseconds as a decimal string (OTLP's fixed64) to milliseconds, without losing the millisecond part to float rounding. */
export function nanosToMs(value: unknown): number | undefined {
  if (typeof value === "string" && /^\d{1,25}$/.test(value)) return Number(BigInt(value) / 1000n) / 1000;
  const number = asNumber(value);
  return number === undefined ? undefined : number / 1e6;
}

/**
 * The text of a message's content: a string, or OpenAI / Anthropic / OTel parts
 * ([{type:"text", text}], [{type:"text", content}]) joined by newlines. Non-text parts (images, audio)
 * are left out: the detectors read text.
 */
export function contentText(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  const parts = asArray(content);
  if (parts) {
    const texts = parts.flatMap((part) => {
      if (typeof part === "string") return [part];
      const object = asObject(part);
      if (!object) return [];
      const text = object.text ?? object.content;
      return typeof text === "string" ? [text] : [];
    });
    return texts.length > 0 ? texts.join("\n") : undefined;
  }
  return undefined;
}

/** Gateway roles mapped to the roles the detectors know; tool output is untrusted content. */
export function detectRole(role: unknown): DetectRole {
  switch (typeof role === "string" ? role.toLowerCase() : "") {
    case "system":
    case "developer":
      return "system";
    case "assistant":
    case "model":
    case "ai":
      return "assistant";
    case "tool":
    case "function":
    case "ipython":
      return "tool";
    case "document":
      return "document";
    default:
      return "user";
  }
}

/** Tool call arguments as a string: kept verbatim when a string, serialized when an object. */
export function argumentsText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

/** The object without its undefined entries, so optional fields are absent rather than present-and-undefined. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
