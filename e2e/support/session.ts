import { expect, request, type APIRequestContext } from "@playwright/test";
import { APP_URL } from "../config";

/**
 * Signs in over HTTP as next-auth's credentials form does (csrf token, then the callback), without
 * the browser. Returns a request context holding the session cookie; its storageState() can seed
 * a browser context.
 */
export async function signInOverHttp(email: string, password: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: APP_URL });
  const csrf = await context.get("/api/auth/csrf");
  expect(csrf.ok(), "GET /api/auth/csrf").toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: `${APP_URL}/`, json: "true" },
    maxRedirects: 0,
  });
  const cookies = (await context.storageState()).cookies.map((c) => c.name);
  expect(cookies, `signing in ${email} over HTTP (status ${response.status()}) sets a session cookie`).toContain("next-auth.session-token");
  return context;
}
