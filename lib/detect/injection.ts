import { keywordHits } from "./keyword-pass";
import { anyPresent, ENCODED_RUNS, keywordGate, keywordWindows, MAX_POSITIONS, MAX_RUNS, type KeywordHits } from "./keywords";
import { INJECTION_RULES, INJECTION_THRESHOLD, PAYLOAD_HINT_KEYWORDS, PAYLOAD_RULE_IDS, type InjectionKind, type InjectionRule } from "./injection-rules";
import { UNTRUSTED_CONTENT_ROLES, type DetectSeverity, type Finding, type FindingCategory, type ScanInput } from "./types";

export interface InjectionSignal {
  rule: string;
  kind: InjectionKind;
  weight: number;
  start: number;
  end: number;
  why: string;
}

const MAX_QUOTE = 60;

// Curly quotes become straight ones so one pattern covers both; the replacement keeps every offset.
const CURLY = /[\u2018\u2019\u02bc\u201c\u201d]/;
const normalizeQuotes = (lower: string) => (CURLY.test(lower) ? lower.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"') : lower);

/** Longer than any rule's match can reach from its keyword, so a window never cuts a match short. */
const WINDOW_RADIUS = 240;

/** \w as a character code (a regex test per character cost more than the window's own scan). */
const isWordCode = (code: number) => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;

/** The windows a rule's regex scans, widened to whole words, or null when it scans the whole text. */
function ruleWindows(rule: InjectionRule, lower: string, hits: KeywordHits): [number, number][] | null {
  const windows = keywordWindows(hits, rule.keywords, WINDOW_RADIUS, lower.length);
  if (windows === null) return null;
  for (const window of windows) {
    // Widen to whole words so \b at the window's edges means what it means in the full text.
    while (window[0] > 0 && isWordCode(lower.charCodeAt(window[0] - 1))) window[0]--;
    while (window[1] < lower.length && isWordCode(lower.charCodeAt(window[1]))) window[1]++;
  }
  return windows;
}

// A run of base64 characters, from one of its starts to its end (as findRuns in keywords.ts measures it).
const RUN_FROM = /[a-z0-9+/]*/y;

/**
 * Where the rule's anchors occur, in order, or null when the keyword pass may have missed some (past
 * MAX_POSITIONS or MAX_RUNS). The pass skips keywords inside runs of base64 characters, so the anchors
 * are looked for there directly, and kept where the rule's windows would have scanned (so that the
 * result is the window scan's).
 */
function anchorPositions(rule: InjectionRule, lower: string, hits: KeywordHits): number[] | null {
  const anchors = rule.anchors!;
  const positions: number[] = [];
  for (const anchor of anchors) {
    const at = hits.get(anchor);
    if (at === undefined) continue;
    if (at.length > MAX_POSITIONS) return null;
    positions.push(...at);
  }
  const runs = hits.get(ENCODED_RUNS);
  if (runs !== undefined) {
    if (runs.length >= MAX_RUNS) return null;
    const windows = ruleWindows(rule, lower, hits);
    const scanned = (at: number) => windows === null || windows.some(([start, end]) => start <= at && at < end);
    const longest = Math.max(...anchors.map((anchor) => anchor.length));
    for (const start of runs) {
      RUN_FROM.lastIndex = start;
      RUN_FROM.test(lower);
      const end = RUN_FROM.lastIndex;
      // An anchor that begins in the run may end past it ("respond to").
      const region = lower.slice(start, end + longest);
      for (const anchor of anchors) {
        for (let at = region.indexOf(anchor); at !== -1 && start + at < end; at = region.indexOf(anchor, at + 1)) {
          if (scanned(start + at)) positions.push(start + at);
        }
      }
    }
  }
  return positions.sort((a, b) => a - b);
}

function firstMatch(rule: InjectionRule, lower: string, hits: KeywordHits): { start: number; end: number } | null {
  const anchors = rule.sticky && anchorPositions(rule, lower, hits);
  if (anchors) {
    // Every match begins at an anchor, so the first anchor where the regex matches is the first match.
    for (const at of anchors) {
      rule.sticky!.lastIndex = at;
      const m = rule.sticky!.exec(lower);
      if (m) return { start: at, end: at + m[0].length };
    }
    return null;
  }
  const windows = ruleWindows(rule, lower, hits);
  if (windows === null) {
    rule.regex.lastIndex = 0;
    const m = rule.regex.exec(lower);
    return m && { start: m.index, end: m.index + m[0].length };
  }
  for (const [start, end] of windows) {
    rule.regex.lastIndex = 0;
    const m = rule.regex.exec(lower.slice(start, end));
    if (m) return { start: start + m.index, end: start + m.index + m[0].length };
  }
  return null;
}

const gates = new WeakMap<readonly InjectionRule[], (hits: KeywordHits) => Uint8Array>();
function gateFor(rules: readonly InjectionRule[]) {
  let gate = gates.get(rules);
  if (gate === undefined) {
    gate = keywordGate(rules, (rule) => rule.keywords);
    gates.set(rules, gate);
  }
  return gate;
}

function matchRules(lower: string, hits: KeywordHits, rules: readonly InjectionRule[], untrusted: boolean): InjectionSignal[] {
  const signals: InjectionSignal[] = [];
  if (hits.size === 0) return signals;
  const open = gateFor(rules)(hits);
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    if (open[index] === 0 || (rule.untrustedOnly && !untrusted)) continue;
    if (rule.requires && !anyPresent(hits, rule.requires)) continue;
    // Each rule counts once towards the score; its first match is the span we show.
    const match = firstMatch(rule, lower, hits);
    if (match) signals.push({ rule: rule.id, kind: rule.kind, weight: rule.weight, ...match, why: rule.why });
  }
  return signals;
}

/** Rules over a text that is not the scanned input itself (a decoded payload). */
const matchText = (lower: string, rules: readonly InjectionRule[], untrusted: boolean) => matchRules(lower, keywordHits({ lower }), rules, untrusted);

const PAYLOAD_RULES = INJECTION_RULES.filter((r) => PAYLOAD_RULE_IDS.has(r.id));

const mostlyText = (decoded: string) => {
  if (decoded.length < 12 || !decoded.includes(" ")) return false;
  let printable = 0;
  for (let i = 0; i < decoded.length; i++) {
    const code = decoded.charCodeAt(i);
    if ((code >= 32 && code < 127) || code === 10 || code === 13 || code === 9) printable++;
  }
  return printable / decoded.length >= 0.9;
};

// Runs of base64 (and so also of hex) characters start where the keyword pass saw them.
const ENCODED_RUN_AT = /[A-Za-z0-9+/]{24,}={0,2}/y;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const ESCAPED_HEX_RUN = /(?:\\x[0-9a-fA-F]{2}){12,}/g;
// A leet digit or symbol followed by a letter ("1gn0re"): the regex starts at the rare character, so
// the engine need not try at every letter, and the whole word around it is then examined in code.
// The letter is matched rather than looked ahead at (faster), as the scan resumes past the word anyway.
const LEET_MARK = /[013457@$][a-z]/g;
const LEET_MAP: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };
const LEET_WORD = /^[a-z013457@$]{3,24}$/;
// "@" and "$" alone do not make leetspeak: e-mail addresses and template strings have them.
const LEET_DIGIT = /[013457]/;
const isLetter = (code: number) => code >= 97 && code <= 122;
const isTokenCode = (code: number) => isLetter(code) || (code >= 48 && code <= 57) || code === 64 || code === 36 || code === 95;

/** At least two letters and no more digits than letters: "1gn0r3" and "h4x0r", not "114z" or "0x7f". */
function lettersOutnumberDigits(word: string): boolean {
  let letters = 0;
  for (let i = 0; i < word.length; i++) if (isLetter(word.charCodeAt(i))) letters++;
  return letters >= 2 && letters >= word.length - letters;
}

/**
 * The text with leetspeak words ("1gn0re", "pr3v10us") spelled in letters, or null when it has fewer
 * than three. A word counts only if all its digits are leet digits, so hashes, keys and identifiers
 * like "oauth2" or "x7v2lmn9" are left alone. Same length as the input, so spans still line up.
 */
function unLeet(lower: string): string | null {
  const words: [number, number][] = [];
  LEET_MARK.lastIndex = 0;
  for (let m = LEET_MARK.exec(lower); m !== null; m = LEET_MARK.exec(lower)) {
    let start = m.index;
    while (start > 0 && isTokenCode(lower.charCodeAt(start - 1))) start--;
    let end = m.index + 1;
    while (end < lower.length && isTokenCode(lower.charCodeAt(end))) end++;
    // Most marks sit in hex ids and timestamps, too long or short to be words: skip them before slicing.
    const word = end - start >= 3 && end - start <= 24 ? lower.slice(start, end) : "";
    if (word !== "" && LEET_WORD.test(word) && LEET_DIGIT.test(word) && lettersOutnumberDigits(word)) words.push([start, end]);
    LEET_MARK.lastIndex = end;
  }
  if (words.length < 3) return null;
  let out = "";
  let cursor = 0;
  for (const [start, end] of words) {
    out += lower.slice(cursor, start) + lower.slice(start, end).replace(/[013457@$]/g, (c) => LEET_MAP[c]!);
    cursor = end;
  }
  return out + lower.slice(cursor);
}

// Decoded payloads often lose their spaces (Morse without word gaps); the commonest attacks are
// still recognisable with the letters run together.
const SPACELESS_PAYLOAD = /ignore(?:all|any|the|your|of)*(?:previous|prior|above|earlier)(?:instructions?|rules|prompts?|directions?)|(?:reveal|print|show|repeat|output)(?:me)?(?:the|your)(?:full|hidden|secret|original|initial)?systemprompt|doanythingnow|developermodeenabled/;

const fewSpaces = (value: string) => value.split(" ", 21).length <= Math.max(2, value.length / 40);

// Ten or more Morse letters separated by spaces (words by " / " or several spaces).
const MORSE_RUN = /(?:[.-]{1,6}(?: {1,3}| ?\/ ?)){10,}[.-]{0,6}/g;
const MORSE: Record<string, string> = {
  ".-": "a", "-...": "b", "-.-.": "c", "-..": "d", ".": "e", "..-.": "f", "--.": "g", "....": "h", "..": "i", ".---": "j",
  "-.-": "k", ".-..": "l", "--": "m", "-.": "n", "---": "o", ".--.": "p", "--.-": "q", ".-.": "r", "...": "s", "-": "t",
  "..-": "u", "...-": "v", ".--": "w", "-..-": "x", "-.--": "y", "--..": "z", ".-.-.-": ".", "--..--": ",",
};
// Morse often comes without word gaps, so the decoded letters are re-checked with spaces where the
// sender put them, or as one run the keyword rules cannot split; both are tried.
function decodeMorse(run: string): string {
  return run
    .trim()
    .split(/ ?\/ ?| {2,}/)
    .map((word) => word.split(" ").map((letter) => MORSE[letter] ?? "").join(""))
    .join(" ");
}

/** rot13 of lower-case text, byte by byte: one code unit per byte keeps every offset. */
function rot13(lower: string): string {
  const bytes = Buffer.from(lower, "latin1");
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 97 && b <= 122) bytes[i] = ((b - 84) % 26) + 97;
  }
  return bytes.toString("latin1");
}

/**
 * Obfuscated payloads: base64, hex and Morse runs are decoded, rot13 is undone when the text mentions
 * it, and leetspeak is mapped back to letters; the decoded text is re-checked with the unambiguous rules.
 */
function payloadSignals(text: string, lower: string, hits: KeywordHits, untrusted: boolean): InjectionSignal[] {
  const signals: InjectionSignal[] = [];
  const recheck = (decoded: string, encoding: string, start: number, end: number) => {
    const lowerDecoded = normalizeQuotes(decoded.toLowerCase());
    const found = matchText(lowerDecoded, PAYLOAD_RULES, untrusted);
    if (found.length === 0 && fewSpaces(lowerDecoded) && SPACELESS_PAYLOAD.test(lowerDecoded.replace(/[^a-z]/g, ""))) {
      found.push({ rule: "spaceless", kind: "prompt_injection", weight: 1, start, end, why: "runs the words of an instruction override or a system-prompt request together" });
    }
    if (found.length === 0) return false;
    signals.push({
      rule: "encoded_payload",
      kind: "prompt_injection",
      weight: 1,
      start,
      end,
      why: `is ${encoding} that decodes to text which ${found.map((h) => h.why).join("; ")}`,
    });
    return true;
  };
  for (const start of hits.get(ENCODED_RUNS) ?? []) {
    ENCODED_RUN_AT.lastIndex = start;
    const m = ENCODED_RUN_AT.exec(text);
    if (!m) continue;
    const hex = HEX.test(m[0]);
    const decoded = Buffer.from(m[0], hex ? "hex" : "base64").toString("latin1");
    if (mostlyText(decoded) && recheck(decoded, hex ? "hex" : "base64", m.index, m.index + m[0].length)) break;
  }
  if (text.includes("\\x")) {
    ESCAPED_HEX_RUN.lastIndex = 0;
    for (let m = ESCAPED_HEX_RUN.exec(text); m !== null; m = ESCAPED_HEX_RUN.exec(text)) {
      const decoded = Buffer.from(m[0].replace(/\\x/g, ""), "hex").toString("latin1");
      if (mostlyText(decoded) && recheck(decoded, "escaped hex", m.index, m.index + m[0].length)) break;
    }
  }
  if (text.includes(".-") || text.includes("-.")) {
    MORSE_RUN.lastIndex = 0;
    for (let m = MORSE_RUN.exec(text); m !== null; m = MORSE_RUN.exec(text)) {
      if (recheck(decodeMorse(m[0]), "Morse code", m.index, m.index + m[0].length)) break;
    }
  }
  if (anyPresent(hits, PAYLOAD_HINT_KEYWORDS)) recheck(rot13(lower), "rot13", 0, text.length);
  const unleet = unLeet(lower);
  if (unleet !== null) {
    for (const hit of matchText(unleet, PAYLOAD_RULES, untrusted)) {
      // Only what the leetspeak itself says: the same rule on the plain text is counted already.
      if (matchText(lower.slice(hit.start, hit.end), PAYLOAD_RULES, untrusted).length === 0) {
        signals.push({ ...hit, rule: "leetspeak_payload", weight: 1, why: `is leetspeak that ${hit.why}` });
        break;
      }
    }
  }
  return signals;
}

export interface InjectionAssessment {
  score: number;
  flagged: boolean;
  signals: InjectionSignal[];
}

export function assessInjection(input: ScanInput): InjectionAssessment {
  const untrusted = UNTRUSTED_CONTENT_ROLES.includes(input.role);
  const lower = normalizeQuotes(input.lower);
  const hits = keywordHits(input);
  const signals = [...matchRules(lower, hits, INJECTION_RULES, untrusted), ...payloadSignals(input.text, lower, hits, untrusted)];
  const score = Math.round(signals.reduce((sum, s) => sum + s.weight, 0) * 100) / 100;
  return { score, flagged: score >= INJECTION_THRESHOLD, signals };
}

function categoryOf(kind: InjectionKind, untrusted: boolean): FindingCategory {
  return untrusted ? "indirect_injection" : kind;
}

export function injectionFindings(input: ScanInput): Finding[] {
  const { score, flagged, signals } = assessInjection(input);
  if (!flagged) return [];
  const untrusted = UNTRUSTED_CONTENT_ROLES.includes(input.role);
  const severity: DetectSeverity = untrusted || score >= 2 ? "high" : "medium";
  const contributors = signals.map((s) => `${s.rule} ${s.weight}`).join(", ");
  const where = untrusted ? ` Found in ${input.role === "tool" ? "a tool result" : "a retrieved document"}, where the user did not write it.` : "";
  return signals.map((signal) => {
    const quoted = input.text.slice(signal.start, Math.min(signal.end, signal.start + MAX_QUOTE));
    const ellipsis = signal.end - signal.start > MAX_QUOTE ? "…" : "";
    return {
      category: categoryOf(signal.kind, untrusted),
      owasp: signal.kind === "system_prompt_leakage" ? "LLM07:2025" : "LLM01:2025",
      severity,
      detector: "injection",
      rule: signal.rule,
      start: signal.start,
      end: signal.end,
      explanation: `"${quoted}${ellipsis}" ${signal.why}. Score ${score} (${contributors}) reached the threshold ${INJECTION_THRESHOLD}.${where}`,
    };
  });
}
