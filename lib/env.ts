import { z } from "zod";

// Every environment variable Warden reads, validated in one place. Read lazily so scripts and tests
// can set variables before first use.
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  // Role given to a person who signs in through SSO for the first time. Unset: only people an admin
  // already created (matched by email) may sign in through SSO.
  OIDC_DEFAULT_ROLE: z.enum(["admin", "owner", "reviewer", "analyst", "auditor"]).optional(),
  WARDEN_DATA_DIR: z.string().default(".warden-data"),
  GRANT_DEFAULT_DAYS: z.coerce.number().int().positive().default(90),
  GRANT_MAX_DAYS: z.coerce.number().int().positive().default(365),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  // Ingested prompt/response text is kept for fewer days than the metadata and findings about it.
  TEXT_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  METADATA_RETENTION_DAYS: z.coerce.number().int().positive().default(400),
}).refine((e) => e.TEXT_RETENTION_DAYS <= e.METADATA_RETENTION_DAYS, {
  path: ["TEXT_RETENTION_DAYS"],
  message: "TEXT_RETENTION_DAYS must not exceed METADATA_RETENTION_DAYS (text is kept for less time than its metadata)",
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid configuration: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function oidcConfigured(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
