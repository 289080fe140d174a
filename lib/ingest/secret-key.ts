import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";

// The key of the keyed hash kept for each masked secret. Derived from AUTH_SECRET (which every
// deployment already keeps secret and stable), so the same leaked key hashes the same across
// instances and restarts, and the hash means nothing without the deployment's secret.
let cached: Buffer | undefined;

export function secretHashKey(): Buffer {
  if (!cached) {
    const secret = env().AUTH_SECRET;
    if (!secret) throw new Error("AUTH_SECRET is not set: it keys the hashes of masked secrets. `npm start` provides one.");
    cached = createHmac("sha256", secret).update("warden:masked-secret-hash:v1").digest();
  }
  return cached;
}
