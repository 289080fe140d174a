// Whether a credential needs attention: past its expiry, or not rotated within its policy.

const DAY_MS = 86_400_000;

export interface CredentialDates {
  issuedAt: Date;
  lastRotatedAt: Date | null;
  expiresAt: Date | null;
  rotationPolicyDays: number;
}

export interface CredentialHealth {
  expired: boolean;
  /** When the rotation policy says the next rotation is due (from the last rotation, else issue). */
  rotationDueAt: Date;
  rotationOverdue: boolean;
}

export function credentialHealth(credential: CredentialDates, now: Date = new Date()): CredentialHealth {
  const rotatedFrom = credential.lastRotatedAt ?? credential.issuedAt;
  const rotationDueAt = new Date(rotatedFrom.getTime() + credential.rotationPolicyDays * DAY_MS);
  return {
    expired: credential.expiresAt !== null && credential.expiresAt.getTime() <= now.getTime(),
    rotationDueAt,
    rotationOverdue: rotationDueAt.getTime() <= now.getTime(),
  };
}

/** Credentials have no lifecycle column; "expired" is the one status that matters in filters. */
export function credentialStatus(credential: CredentialDates, now: Date = new Date()): "active" | "expired" {
  return credentialHealth(credential, now).expired ? "expired" : "active";
}
