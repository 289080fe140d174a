import { isIP } from "node:net";
import type { DetectSeverity, Finding, ScanInput } from "./types";

// Personal data. Shapes alone are noisy (every 16-digit number looks like a card), so each rule with
// a checksum verifies it: Luhn for cards, ISO 7064 mod 97 for IBANs, the check letter for Spanish DNIs,
// the issuing rules for US SSNs and UK National Insurance numbers.

export const PII_RULE_SET = "warden-pii@1";

interface PiiMatch {
  rule: string;
  name: string;
  severity: DetectSeverity;
  start: number;
  end: number;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

// ISO 13616 lengths per country (SWIFT IBAN registry).
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22,
  VG: 24, XK: 20,
};

export function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/ /g, "");
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  // mod 97 digit by digit, letters as 10..35, so no big integers are needed.
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
export function spanishDniValid(candidate: string): boolean {
  const digits = candidate.slice(0, 8);
  return DNI_LETTERS[Number(digits) % 23] === candidate.slice(-1);
}

export function ssnValid(candidate: string): boolean {
  const [area, group, serial] = candidate.split("-");
  return area !== "000" && area !== "666" && !area!.startsWith("9") && group !== "00" && serial !== "0000";
}

// Linear, no nested quantifiers; each is followed by a validity check in code. Sticky: each is tried
// only where a match can begin, next to a run of digits (numberCandidates), instead of over the text.
const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/y;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/y;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/y;
const NINO = /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/y;
const DNI = /\b\d{8}-?[A-Z]\b/y;
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b(?!\.\d)/y;
const IPV6 = /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])/g;
// Tried at each colon that a hex digit follows: indexOf finds colons faster than the regex's own search.
const IPV6_FULL_HINT = /:[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}:/y;
const isHexCode = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Whether the text may hold an IPv6 address: "::" or three hex groups between colons. */
function mayHoldIpv6(text: string): boolean {
  if (text.includes("::")) return true;
  for (let at = text.indexOf(":"); at !== -1; at = text.indexOf(":", at + 1)) {
    if (!isHexCode(text.charCodeAt(at + 1))) continue;
    IPV6_FULL_HINT.lastIndex = at;
    if (IPV6_FULL_HINT.test(text)) return true;
  }
  return false;
}
const PHONE = /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){2,4}(?![\w-])/y;
// Groups of digits are also amounts ("10 000 000") and dates: a phone number starts with a country
// code, an area code in brackets or a trunk 0, or has the North American 3-3-4 shape.
const PHONE_SHAPE = /^(?:[+(]|0[1-9]|\d{3}[ .-]\d{3}[ .-]\d{4}$)/;
const isAlnumCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
const isDomainCode = (c: number) => isAlnumCode(c) || c === 46 || c === 45; // . -
const isEmailLocalCode = (c: number) => isDomainCode(c) || c === 95 || c === 37 || c === 43; // _ % +
const EMAIL_DOMAIN = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}$/;

const DIGIT_RUN = /\d+/g;
const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isUpperCode = (c: number) => c >= 65 && c <= 90;

/**
 * Where each number-shaped rule can begin a match, in order. Every match of those rules begins at a
 * run of digits or just before one: a card, SSN, DNI or IPv4 address at the run's first digit
 * (their patterns forbid a digit before), a phone number there or at a "+" or "(" before it, an
 * IBAN or UK NINO at its two letters (and a space). One scan for digit runs, and a look at the run's
 * length and neighbours, replaces a pass of each regex over the whole text.
 */
function numberCandidates(text: string) {
  const card: number[] = [];
  const iban: number[] = [];
  const ssn: number[] = [];
  const nino: number[] = [];
  const dni: number[] = [];
  const ipv4: number[] = [];
  const phone: number[] = [];
  const code = (at: number) => text.charCodeAt(at); // NaN outside the text: no test below holds for it
  DIGIT_RUN.lastIndex = 0;
  // test() rather than exec(): no match object per run; the run is measured back from its end.
  while (DIGIT_RUN.test(text)) {
    const end = DIGIT_RUN.lastIndex;
    let start = end - 1;
    while (start > 0 && isDigitCode(code(start - 1))) start--;
    const length = end - start;
    const after = code(end);
    const before = code(start - 1);
    // A card has 13-19 digits, single spaces or hyphens allowed between them.
    if (length >= 13 || ((after === 32 || after === 45) && isDigitCode(code(end + 1)))) card.push(start);
    if (length >= 2 && isUpperCode(before)) {
      if (isUpperCode(code(start - 2))) {
        iban.push(start - 2);
        nino.push(start - 2);
      }
    } else if (length >= 2 && before === 32 && isUpperCode(code(start - 2)) && isUpperCode(code(start - 3))) {
      nino.push(start - 3);
    }
    if (length === 3 && after === 45) ssn.push(start);
    if (length === 8) dni.push(start);
    if (length <= 3 && after === 46) ipv4.push(start);
    if (before === 43 || before === 40) phone.push(start - 1); // + (
    if (length >= 2 && length <= 4 && (after === 32 || after === 46 || after === 45)) phone.push(start);
  }
  return { card, iban, ssn, nino, dni, ipv4, phone };
}

/** Calls `each` on every match of a sticky regex tried at `starts` (ascending), as a global regex would find them. */
function forEachMatchAt(regex: RegExp, text: string, starts: readonly number[], each: (m: RegExpExecArray) => void): void {
  let end = 0;
  for (const start of starts) {
    if (start < end) continue;
    regex.lastIndex = start;
    const m = regex.exec(text);
    if (m === null) continue;
    each(m);
    end = start + m[0].length;
  }
}

/** Calls `each` on every match (a callback, not a generator: resuming a generator per match cost more than some of the regexes). */
function forEachMatch(regex: RegExp, text: string, each: (m: RegExpExecArray) => void): void {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) each(m);
}

/** Emails found from each "@" outwards, so text without "@" costs one indexOf. */
function findEmails(text: string, out: PiiMatch[]): void {
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && isEmailLocalCode(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at < 254 && isDomainCode(text.charCodeAt(end))) end++;
    while (end > at + 1 && text[end - 1] === ".") end--;
    if (start === at || !EMAIL_DOMAIN.test(text.slice(at + 1, end))) continue;
    out.push({ rule: "email", name: "Email address", severity: "low", start, end });
  }
}

const digitsOf = (value: string) => value.replace(/\D/g, "");

export function findPii(text: string): PiiMatch[] {
  const out: PiiMatch[] = [];
  findEmails(text, out);
  // Digits drive most rules; text without any skips them all.
  if (/\d/.test(text)) {
    const at = numberCandidates(text);
    forEachMatchAt(CARD, text, at.card, (m) => {
      const digits = digitsOf(m[0]);
      if (digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && luhnValid(digits)) {
        out.push({ rule: "payment_card", name: "Payment card number (Luhn-valid)", severity: "high", start: m.index, end: m.index + m[0].length });
      }
    });
    forEachMatchAt(IBAN, text, at.iban, (m) => {
      if (ibanValid(m[0])) out.push({ rule: "iban", name: "IBAN (checksum valid)", severity: "high", start: m.index, end: m.index + m[0].length });
    });
    forEachMatchAt(SSN, text, at.ssn, (m) => {
      if (ssnValid(m[0])) out.push({ rule: "us_ssn", name: "US Social Security number", severity: "high", start: m.index, end: m.index + m[0].length });
    });
    forEachMatchAt(NINO, text, at.nino, (m) => {
      out.push({ rule: "uk_nino", name: "UK National Insurance number", severity: "high", start: m.index, end: m.index + m[0].length });
    });
    forEachMatchAt(DNI, text, at.dni, (m) => {
      if (spanishDniValid(m[0])) out.push({ rule: "es_dni", name: "Spanish DNI (check letter valid)", severity: "high", start: m.index, end: m.index + m[0].length });
    });
    forEachMatchAt(IPV4, text, at.ipv4, (m) => {
      // Loopback, "any" and netmasks name no one; "v1.2.3.4" is a version.
      if (/^(?:127|0|255)\./.test(m[0]) || text[m.index - 1] === "v") return;
      out.push({ rule: "ip_address", name: "IPv4 address", severity: "low", start: m.index, end: m.index + m[0].length });
    });
    forEachMatchAt(PHONE, text, at.phone, (m) => {
      const digits = digitsOf(m[0]).length;
      if (digits >= 8 && digits <= 15 && PHONE_SHAPE.test(m[0])) out.push({ rule: "phone", name: "Phone number", severity: "low", start: m.index, end: m.index + m[0].length });
    });
  }
  if (mayHoldIpv6(text)) {
    forEachMatch(IPV6, text, (m) => {
      if (isIP(m[0]) === 6 && m[0].split(":").filter(Boolean).length >= 3) {
        out.push({ rule: "ip_address", name: "IPv6 address", severity: "low", start: m.index, end: m.index + m[0].length });
      }
    });
  }
  // A card or IBAN also looks like a phone number: keep the more specific, earlier-listed match.
  const kept: PiiMatch[] = [];
  for (const match of out) {
    if (!kept.some((other) => match.start < other.end && other.start < match.end)) kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function piiFindings(input: ScanInput): Finding[] {
  return findPii(input.text).map((match) => ({
    category: "pii",
    owasp: "LLM02:2025",
    severity: match.severity,
    detector: "pii",
    rule: match.rule,
    start: match.start,
    end: match.end,
    explanation: `${match.name} (${match.end - match.start} characters). Personal data sent to or returned by a model may be retained or disclosed by the provider.`,
  }));
}
