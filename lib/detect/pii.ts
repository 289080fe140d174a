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

// Linear, no nested quantifiers; each is followed by a validity check in code.
const CARD = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const NINO = /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
const DNI = /\b\d{8}-?[A-Z]\b/g;
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b(?!\.\d)/g;
const IPV6 = /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])/g;
// Starts with ":" so the engine can skip to colons instead of trying at every hex letter.
const IPV6_FULL_HINT = /:[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}:/;
const PHONE = /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){2,4}(?![\w-])/g;
// Groups of digits are also amounts ("10 000 000") and dates: a phone number starts with a country
// code, an area code in brackets or a trunk 0, or has the North American 3-3-4 shape.
const PHONE_SHAPE = /^(?:[+(]|0[1-9]|\d{3}[ .-]\d{3}[ .-]\d{4}$)/;
const isAlnumCode = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
const isDomainCode = (c: number) => isAlnumCode(c) || c === 46 || c === 45; // . -
const isEmailLocalCode = (c: number) => isDomainCode(c) || c === 95 || c === 37 || c === 43; // _ % +
const EMAIL_DOMAIN = /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}$/;

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
    forEachMatch(CARD, text, (m) => {
      const digits = digitsOf(m[0]);
      if (digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && luhnValid(digits)) {
        out.push({ rule: "payment_card", name: "Payment card number (Luhn-valid)", severity: "high", start: m.index, end: m.index + m[0].length });
      }
    });
    forEachMatch(IBAN, text, (m) => {
      if (ibanValid(m[0])) out.push({ rule: "iban", name: "IBAN (checksum valid)", severity: "high", start: m.index, end: m.index + m[0].length });
    });
    forEachMatch(SSN, text, (m) => {
      if (ssnValid(m[0])) out.push({ rule: "us_ssn", name: "US Social Security number", severity: "high", start: m.index, end: m.index + m[0].length });
    });
    forEachMatch(NINO, text, (m) => {
      out.push({ rule: "uk_nino", name: "UK National Insurance number", severity: "high", start: m.index, end: m.index + m[0].length });
    });
    forEachMatch(DNI, text, (m) => {
      if (spanishDniValid(m[0])) out.push({ rule: "es_dni", name: "Spanish DNI (check letter valid)", severity: "high", start: m.index, end: m.index + m[0].length });
    });
    forEachMatch(IPV4, text, (m) => {
      // Loopback, "any" and netmasks name no one; "v1.2.3.4" is a version.
      if (/^(?:127|0|255)\./.test(m[0]) || text[m.index - 1] === "v") return;
      out.push({ rule: "ip_address", name: "IPv4 address", severity: "low", start: m.index, end: m.index + m[0].length });
    });
    forEachMatch(PHONE, text, (m) => {
      const digits = digitsOf(m[0]).length;
      if (digits >= 8 && digits <= 15 && PHONE_SHAPE.test(m[0])) out.push({ rule: "phone", name: "Phone number", severity: "low", start: m.index, end: m.index + m[0].length });
    });
  }
  if (text.includes("::") || IPV6_FULL_HINT.test(text)) {
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
