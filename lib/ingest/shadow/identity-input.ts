import { z } from "zod";
import { IDENTITY_KINDS, parseIdentityKey } from "../identity";

// A gateway identity as people and forms send it: "<kind>:<value>" (lib/ingest/identity.ts).

/** As long as the stored identifiers can be (LIMITS.identifierChars) plus the kind. */
const MAX_IDENTITY_KEY = 600;

export const identityKeyField = z
  .string({ error: "Identity is required." })
  .trim()
  .min(1, "Identity is required.")
  .max(MAX_IDENTITY_KEY, `Identity is too long (${MAX_IDENTITY_KEY} characters at most).`)
  .refine((key) => {
    const parsed = parseIdentityKey(key);
    return parsed !== null && parsed.value.trim() !== "";
  }, `Identity must be "<kind>:<value>", with kind one of: ${IDENTITY_KINDS.join(", ")}.`);
