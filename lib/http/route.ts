import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { can, type Actor } from "@/lib/auth/actor";
import { authenticateApiToken } from "@/lib/auth/api-tokens";
import { ROUTES, type GuardedApiRoute } from "@/lib/auth/routes";
import { getSessionActor } from "@/lib/auth/session";
import { DomainError, HTTP_STATUS, type FieldErrors } from "@/lib/errors";
import { fieldErrorsFromZod } from "./validation";

// The one door for route handlers: authenticate (session cookie or API token), authorise per the
// route table, validate query and body, run the handler, map errors to problem+json.

type Params = Record<string, string | string[]>;

export interface RouteContext<Q, B> {
  actor: Actor;
  query: Q;
  body: B;
  params: Params;
  request: NextRequest;
  requestId: string;
}

export interface RouteDefinition<QS extends z.ZodType, BS extends z.ZodType> {
  route: GuardedApiRoute;
  /** Which credentials this handler accepts. */
  auth: "session" | "token" | "session-or-token";
  query?: QS;
  body?: BS;
  handler: (ctx: RouteContext<z.infer<QS>, z.infer<BS>>) => Promise<Response>;
}

export function problem(status: number, title: string, requestId: string, fieldErrors?: FieldErrors): Response {
  return NextResponse.json(
    { type: "about:blank", title, status, requestId, ...(fieldErrors ? { errors: fieldErrors } : {}) },
    { status, headers: { "content-type": "application/problem+json", "x-request-id": requestId } },
  );
}

async function authenticate(request: NextRequest, mode: RouteDefinition<z.ZodType, z.ZodType>["auth"]): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header?.startsWith("Bearer ") && mode !== "session") return authenticateApiToken(header.slice(7).trim());
  if (mode !== "token") return getSessionActor();
  return null;
}

export function defineRoute<QS extends z.ZodType = z.ZodUnknown, BS extends z.ZodType = z.ZodUnknown>(definition: RouteDefinition<QS, BS>) {
  const permission = ROUTES[definition.route].permission;
  return async (request: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    try {
      let actor: Actor | null;
      try {
        actor = await authenticate(request, definition.auth);
      } catch (error) {
        // The credentials could not be checked (the database is unreachable): a machine client
        // should retry, not give up as it would on 500.
        console.error(`[${requestId}] ${definition.route}: could not authenticate`, error);
        const response = problem(503, "Warden cannot check credentials just now; retry later.", requestId);
        response.headers.set("retry-after", "5");
        return response;
      }
      if (!actor) return problem(401, "Authentication required.", requestId);
      if (!can(actor, permission)) return problem(403, "Your role does not allow this.", requestId);

      let query: unknown = Object.fromEntries(request.nextUrl.searchParams);
      if (definition.query) {
        const parsed = definition.query.safeParse(query);
        if (!parsed.success) return problem(422, "Invalid query parameters.", requestId, fieldErrorsFromZod(parsed.error));
        query = parsed.data;
      }
      let body: unknown = undefined;
      if (definition.body) {
        let raw: unknown;
        try {
          raw = await request.json();
        } catch {
          return problem(400, "The request body is not valid JSON.", requestId);
        }
        const parsed = definition.body.safeParse(raw);
        if (!parsed.success) return problem(422, "Invalid request body.", requestId, fieldErrorsFromZod(parsed.error));
        body = parsed.data;
      }
      const params = (await context.params) ?? {};
      return await definition.handler({ actor, query: query as z.infer<QS>, body: body as z.infer<BS>, params, request, requestId });
    } catch (error) {
      if (error instanceof DomainError) return problem(HTTP_STATUS[error.code], error.message, requestId, error.fieldErrors);
      console.error(`[${requestId}] ${definition.route} failed`, error);
      return problem(500, "Something went wrong.", requestId);
    }
  };
}
