import { DETECTORS } from "@/lib/detect/detect";
import { keyedSecretHash, secretLastFour, secretPlaceholder } from "@/lib/detect/mask";
import { scanInput, type DetectRole, type Finding } from "@/lib/detect/types";

// One stored text through the detectors, masked. Secrets are found first, on the text as received;
// they are replaced by their placeholders, and the other detectors then read the masked text. So
// every span is an offset into the text that is stored, an explanation can only quote masked text,
// and the text is scanned for secrets once. When there is no secret (nearly always) the masked text
// is the text, and the other detectors reuse the same lower-cased copy and keyword pass.

export interface FieldFinding extends Finding {
  /** Set on secret findings: the span [start, end) is the placeholder in the masked text. */
  secret?: { kind: string; lastFour: string; hash: string };
}

export interface FieldRun {
  name: string;
  ruleSet: string;
  durationMs: number;
  findings: number;
}

export interface ScannedField {
  /** The text with every secret replaced by its placeholder. */
  masked: string;
  findings: FieldFinding[];
  /** One per detector, in DETECTORS order. */
  runs: FieldRun[];
}

const elapsed = (started: number) => performance.now() - started;

export function scanField(text: string, role: DetectRole, secretKey: string | Buffer): ScannedField {
  const original = scanInput(text, role);
  let input = original;
  const findings: FieldFinding[] = [];
  const runs: FieldRun[] = [];
  for (const detector of DETECTORS) {
    const started = performance.now();
    let found: FieldFinding[] = detector.run(input);
    if (detector.name === "secrets" && found.length > 0) {
      const masked = maskFound(text, found, secretKey);
      found = masked.findings;
      input = scanInput(masked.text, role);
    }
    runs.push({ name: detector.name, ruleSet: detector.ruleSet, durationMs: elapsed(started), findings: found.length });
    findings.push(...found);
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { masked: input.text, findings, runs };
}

/** Replaces each secret (non-overlapping, in order) by its placeholder; the findings' spans move onto the placeholders. */
function maskFound(text: string, secrets: Finding[], secretKey: string | Buffer): { text: string; findings: FieldFinding[] } {
  let masked = "";
  let cursor = 0;
  const findings: FieldFinding[] = [];
  for (const finding of secrets) {
    const secret = text.slice(finding.start, finding.end);
    const lastFour = secretLastFour(secret);
    const placeholder = secretPlaceholder(finding.rule, lastFour);
    masked += text.slice(cursor, finding.start);
    const start = masked.length;
    masked += placeholder;
    cursor = finding.end;
    findings.push({ ...finding, start, end: masked.length, secret: { kind: finding.rule, lastFour, hash: keyedSecretHash(secret, secretKey) } });
  }
  return { text: masked + text.slice(cursor), findings };
}

// The same texts come back again and again: every event of a workflow carries its system prompt,
// and every request in a conversation replays the turns before it. A text's scan does not depend on
// anything but the text and its role, so recent results are kept. Only texts without a secret are
// kept (nothing here holds a secret longer than its event does), within bounds on size and count.

const CACHE_MAX_TEXT = 32 * 1024;
/** Per generation; two are kept, so at most twice this. */
const GENERATION_CHARS = 4 * 1024 * 1024;
const GENERATION_ENTRIES = 8192;

/** A kept scan: its findings only. A kept text held no secret, so its masked text is the text itself. */
type Generation = Map<DetectRole, Map<string, FieldFinding[]>>;
const NO_FINDINGS: FieldFinding[] = [];

// Two generations instead of a strict LRU: new and recently used scans go to the current one; when
// it is full it becomes the previous one and the one before is dropped. No deletes, so no Map
// iteration over deleted slots (which made evicting from the front of one big Map slow).
let current: Generation = new Map();
let previous: Generation = new Map();
let currentEntries = 0;
let currentChars = 0;

function keep(text: string, role: DetectRole, findings: FieldFinding[]): void {
  if (currentEntries >= GENERATION_ENTRIES || currentChars + text.length > GENERATION_CHARS) {
    previous = current;
    current = new Map();
    currentEntries = 0;
    currentChars = 0;
  }
  let byText = current.get(role);
  if (byText === undefined) current.set(role, (byText = new Map()));
  byText.set(text, findings);
  currentEntries += 1;
  currentChars += text.length;
}

function fromKept(text: string, findings: FieldFinding[]): ScannedField {
  const runs = DETECTORS.map(({ name, ruleSet }) => ({ name, ruleSet, durationMs: 0, findings: 0 }));
  for (const finding of findings) runs.find((run) => run.name === finding.detector)!.findings += 1;
  return { masked: text, findings, runs };
}

/** scanField, answered from recent results when the same text was scanned in the same role (durations then 0). */
export function scanFieldCached(text: string, role: DetectRole, secretKey: string | Buffer): { scanned: ScannedField; cached: boolean } {
  if (text.length > CACHE_MAX_TEXT) return { scanned: scanField(text, role, secretKey), cached: false };
  let kept = current.get(role)?.get(text);
  if (kept === undefined) {
    kept = previous.get(role)?.get(text);
    // Still in use: carried into the current generation.
    if (kept !== undefined) keep(text, role, kept);
  }
  if (kept !== undefined) return { scanned: fromKept(text, kept), cached: true };
  const scanned = scanField(text, role, secretKey);
  if (scanned.findings.every((finding) => finding.secret === undefined)) keep(text, role, scanned.findings.length === 0 ? NO_FINDINGS : scanned.findings);
  return { scanned, cached: false };
}

/** For tests and benchmarks: forget every kept result. */
export function clearScanCache(): void {
  current = new Map();
  previous = new Map();
  currentEntries = 0;
  currentChars = 0;
}
