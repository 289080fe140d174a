// How a credential is told apart without its secret: the last four characters, or a fingerprint
// (a hash of the key, e.g. "SHA256:9f2c…41ab"). Shared by the form (to refuse before anything is
// sent) and the server (to refuse before anything is stored).

export const LAST_FOUR_LENGTH = 4;
export const FINGERPRINT_MAX_LENGTH = 120;

// Prefixes and shapes of well-known secrets. A match means someone pasted the key itself.
const SECRET_SHAPES: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\bsk-(?:proj-|live-|test-|ant-)?[A-Za-z0-9_-]{16,}/, // OpenAI, Anthropic, Stripe
  /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/, // GitHub
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, // AWS access key id
  /\bAIza[0-9A-Za-z_-]{35}\b/, // Google API key
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./, // a JWT
];

// "SHA256:…", "sha1=…", "MD5:…" followed by hex/base64, optionally shortened with "…" or "...";
// or the classic colon-separated hex pairs ("9f:2c:41:ab:…").
const FINGERPRINT_SHAPES: RegExp[] = [
  /^(?:SHA256|SHA384|SHA512|SHA1|MD5)[:=][A-Za-z0-9+/=_-]+(?:(?:…|\.\.\.)[A-Za-z0-9+/=_-]+)?$/i,
  /^[0-9a-f]{2}(?::[0-9a-f]{2}){7,63}$/i,
];

export function looksLikeSecret(value: string): boolean {
  return SECRET_SHAPES.some((shape) => shape.test(value));
}

/** A message for the "Last four" field, or null when the value is acceptable (empty is acceptable). */
export function lastFourProblem(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (trimmed.length > LAST_FOUR_LENGTH) {
    return "Enter only the last 4 characters. Warden never stores a secret, so paste nothing longer.";
  }
  if (trimmed.length < LAST_FOUR_LENGTH) return "Last four must be exactly 4 characters.";
  if (/\s/.test(trimmed)) return "Last four cannot contain spaces.";
  return null;
}

/** A message for the "Fingerprint" field, or null when the value is acceptable (empty is acceptable). */
export function fingerprintProblem(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (looksLikeSecret(trimmed)) {
    return "This looks like the secret itself. Enter its fingerprint (e.g. SHA256:9f2c…41ab), never the key.";
  }
  if (trimmed.length > FINGERPRINT_MAX_LENGTH) return `Fingerprint is too long (${FINGERPRINT_MAX_LENGTH} characters at most).`;
  if (!FINGERPRINT_SHAPES.some((shape) => shape.test(trimmed))) {
    return "Fingerprint must name its hash, e.g. SHA256:9f2c…41ab, or be colon-separated hex pairs.";
  }
  return null;
}

export const PASTED_SECRET_CLEARED =
  "That was longer than 4 characters, so it looked like the whole secret and was cleared. Warden never stores secrets: enter only the last 4 characters.";

/**
 * What a form keeps of a typed or pasted identifier. Something secret-shaped is emptied at once,
 * so the key never sits in the page nor reaches the server: a long "last four", or a key pasted
 * as fingerprint.
 */
export function screenIdentifier(field: "lastFour" | "fingerprint", text: string): { value: string; problem?: string } {
  if (field === "lastFour" && text.trim().length > LAST_FOUR_LENGTH) return { value: "", problem: PASTED_SECRET_CLEARED };
  if (field === "fingerprint" && looksLikeSecret(text)) return { value: "", problem: `${fingerprintProblem(text)} It was cleared.` };
  return { value: text };
}

/** How a credential is shown in lists: "••••7Qx2", or its fingerprint. */
export function credentialIdentifier(credential: { lastFour: string | null; fingerprint: string | null }): string {
  if (credential.lastFour) return `••••${credential.lastFour}`;
  return credential.fingerprint ?? "—";
}
