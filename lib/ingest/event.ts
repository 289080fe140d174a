import { createHash } from "node:crypto";
import { z } from "zod";
import { DETECT_ROLES } from "@/lib/detect/types";

// The one shape every gateway format is turned into before storage and detection. Pure data: the
// parsers in ./formats build it, storage and the detectors read it.
//
// Identity (`eventKey`), so a batch sent twice stores each event once:
// - "<source>:id:<the source's own id>" when the record carries one (LiteLLM `id`, Portkey `id`,
//   OTLP trace id + span id, generic `id`);
// - otherwise "<source>:sha256:<hex>", the SHA-256 of the record's canonical JSON (object keys sorted
//   at every level, no whitespace), so the same record with its keys in another order hashes the same.
// The source is part of the key so two gateways that both number their events from 1 do not collide.

export const INGEST_SOURCES = ["litellm", "otlp", "portkey", "generic"] as const;
export type IngestSource = (typeof INGEST_SOURCES)[number];

/** Size limits: a huge field is cut to these and listed in `truncatedFields`, never a reason to reject the record. */
export const LIMITS = {
  /** Characters of one message, the output, or a tool result. */
  textChars: 512 * 1024,
  /** Characters of a tool call's arguments. */
  argumentsChars: 64 * 1024,
  /** Characters of an identifier (model, key alias, conversation id…). */
  identifierChars: 512,
  /** Characters of a gateway check's raw response, serialized. */
  rawChars: 16 * 1024,
  messages: 1000,
  toolCalls: 500,
  gatewayChecks: 200,
  /** Nesting depth of a record; deeper records are rejected before anything walks them recursively. */
  depth: 64,
} as const;

export const messageSchema = z.object({
  role: z.enum(DETECT_ROLES),
  content: z.string(),
});
export type IngestMessage = z.infer<typeof messageSchema>;

/** Same fields as lib/reviews/usage.ts reads (connector / action / resource), plus what the detectors scan. */
export const ingestToolCallSchema = z.object({
  name: z.string(),
  connector: z.string().optional(),
  action: z.string().optional(),
  resource: z.string().optional(),
  arguments: z.string(),
  result: z.string().optional(),
  /**
   * True for a call read from the earlier turns a request replays (the assistant's tool_calls in
   * `messages`). The same call was the output of an earlier interaction, so usage counts and
   * excessive-agency checks should skip it; the detectors still read its arguments and result.
   */
  inHistory: z.boolean().optional(),
});
export type IngestToolCall = z.infer<typeof ingestToolCallSchema>;

export const GATEWAY_CHECK_STATUSES = ["passed", "flagged", "blocked", "error", "not_run"] as const;
export type GatewayCheckStatus = (typeof GATEWAY_CHECK_STATUSES)[number];

export const gatewayCheckSchema = z.object({
  name: z.string(),
  mode: z.string().optional(),
  status: z.enum(GATEWAY_CHECK_STATUSES),
  durationMs: z.number().nonnegative().optional(),
  categories: z.array(z.string()).optional(),
  /** What the gateway reported, bounded to LIMITS.rawChars once serialized. */
  raw: z.unknown(),
});
export type GatewayCheck = z.infer<typeof gatewayCheckSchema>;

export const workflowIdentitySchema = z.object({
  keyHash: z.string().optional(),
  keyAlias: z.string().optional(),
  teamId: z.string().optional(),
  teamAlias: z.string().optional(),
  agentId: z.string().optional(),
  agentName: z.string().optional(),
  service: z.string().optional(),
});
export type WorkflowIdentity = z.infer<typeof workflowIdentitySchema>;

export const ingestEventSchema = z.object({
  source: z.enum(INGEST_SOURCES),
  eventKey: z.string().min(1),
  /** Whether eventKey came from the source's id or from the content hash. */
  eventKeyKind: z.enum(["source_id", "content_hash"]),
  occurredAt: z.date(),
  model: z.string().optional(),
  provider: z.string().optional(),
  workflowIdentity: workflowIdentitySchema,
  endUser: z.string().optional(),
  conversationId: z.string().optional(),
  /** The input: prompt messages in order. */
  messages: z.array(messageSchema),
  output: z.string().optional(),
  toolCalls: z.array(ingestToolCallSchema),
  usage: z.object({ inputTokens: z.number().int().nonnegative().optional(), outputTokens: z.number().int().nonnegative().optional() }),
  latencyMs: z.number().nonnegative().optional(),
  gatewayChecks: z.array(gatewayCheckSchema),
  /** Paths of the fields cut to LIMITS (e.g. "messages[3].content"); empty when nothing was cut. */
  truncatedFields: z.array(z.string()),
});
export type IngestEvent = z.infer<typeof ingestEventSchema>;

/** A record (or part of one) that could not be read. `index` counts records from 0; `line` is 1-based, for line-oriented input. */
export interface RecordError {
  index: number;
  line?: number;
  field: string;
  reason: string;
}

/** What a format parser says about one record, before parse.ts adds the record's index and line. */
export interface FieldIssue {
  field: string;
  reason: string;
}
export interface RecordOutcome {
  events: IngestEvent[];
  errors: FieldIssue[];
}

// ---------------------------------------------------------------------------------------------------
// Text hygiene

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces lone surrogates (which PostgreSQL and most JSON consumers reject) and NUL with U+FFFD. */
export function wellFormed(text: string): string {
  // Most text is well-formed already; the native checks spare the lookbehind pattern.
  if (isWellFormed(text)) return text;
  return text.replace(LONE_SURROGATE, "\uFFFD").replaceAll("\u0000", "\uFFFD");
}

/** Whether a string is free of lone surrogates and NUL (checked natively, without a copy). */
export function isWellFormed(text: string): boolean {
  return text.isWellFormed() && !text.includes("\u0000");
}

/** Whether every string and key of a value is well-formed: the cheap check before wellFormedDeep's copy. Only call on depth-checked values. */
export function isWellFormedDeep(value: unknown): boolean {
  if (typeof value === "string") return isWellFormed(value);
  if (value === null || typeof value !== "object" || value instanceof Date) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!isWellFormedDeep(item)) return false;
    return true;
  }
  for (const key in value) if (!isWellFormed(key) || !isWellFormedDeep((value as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * The value with every string and key made well-formed. PostgreSQL's jsonb refuses both lone
 * surrogates and NUL, so nothing leaves the parsers with either. Only call on depth-checked values.
 */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === "string") return wellFormed(value) as T;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => wellFormedDeep(item)) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [wellFormed(key), wellFormedDeep(item)])) as T;
}

/** The JSON text of raw values kept by Truncation.raw, which had to serialize them to measure them anyway. */
const rawJson = new WeakMap<object, string>();

/** A raw gateway value as JSON: remembered from parsing when it can be, serialized otherwise. */
export function rawValueJson(value: unknown): string | undefined {
  return (value !== null && typeof value === "object" ? rawJson.get(value) : undefined) ?? JSON.stringify(value);
}

/**
 * Tracks which fields of one event were cut, so the parsers never have to thread a flag by hand.
 */
export class Truncation {
  readonly fields: string[] = [];

  text(path: string, value: string, limit: number = LIMITS.textChars): string {
    const clean = wellFormed(value);
    if (clean.length <= limit) return clean;
    this.fields.push(path);
    // Do not leave half a surrogate pair at the cut.
    let end = limit;
    const last = clean.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    return clean.slice(0, end);
  }

  identifier(path: string, value: string | undefined): string | undefined {
    return value === undefined ? undefined : this.text(path, value, LIMITS.identifierChars);
  }

  list<T>(path: string, values: T[], limit: number): T[] {
    if (values.length <= limit) return values;
    this.fields.push(path);
    return values.slice(0, limit);
  }

  /** Keeps a raw value as it is when small; otherwise a string preview, flagged. */
  raw(path: string, value: unknown): unknown {
    if (value === undefined) return null;
    const serialized = JSON.stringify(value) ?? "null";
    // A copy only when some string in it needs mending; the record is never changed in place.
    if (serialized.length <= LIMITS.rawChars) {
      if (!isWellFormedDeep(value)) return wellFormedDeep(value);
      if (value !== null && typeof value === "object") rawJson.set(value, serialized);
      return value;
    }
    this.fields.push(path);
    return { truncated: true, preview: wellFormed(serialized.slice(0, LIMITS.rawChars)) };
  }
}

// ---------------------------------------------------------------------------------------------------
// Depth and identity

/** Nesting depth of a JSON value, measured without recursion so hostile input cannot overflow the stack. */
export function jsonDepth(value: unknown, stopAt: number = LIMITS.depth + 1): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth > deepest) deepest = depth;
    if (deepest >= stopAt) return deepest;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (child !== null && typeof child === "object") stack.push({ value: child, depth: depth + 1 });
  }
  return deepest;
}

/** JSON with object keys sorted at every level. Only call on values whose depth was checked. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

export function contentHash(value: unknown): string {
  return createHash("sha256").update(wellFormed(canonicalJson(value)), "utf8").digest("hex");
}

/** The event's identity: the source's id when it has a usable one, else the record's content hash. */
export function eventIdentity(source: IngestSource, sourceId: string | undefined, record: unknown): Pick<IngestEvent, "eventKey" | "eventKeyKind"> {
  const id = sourceId?.trim();
  if (id && id.length <= LIMITS.identifierChars) return { eventKey: `${source}:id:${wellFormed(id)}`, eventKeyKind: "source_id" };
  return { eventKey: `${source}:sha256:${contentHash(record)}`, eventKeyKind: "content_hash" };
}
