// How a connection string names the embedded database (lib/db/embedded.ts), so the client can tell
// it apart without importing PGlite. Kept apart from embedded.ts, which loads the WASM engine.

export const EMBEDDED_APPLICATION_NAME = "warden-embedded";

export function embeddedUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable&application_name=${EMBEDDED_APPLICATION_NAME}`;
}

export function isEmbeddedUrl(connectionString: string): boolean {
  try {
    return new URL(connectionString).searchParams.get("application_name") === EMBEDDED_APPLICATION_NAME;
  } catch {
    return false;
  }
}
