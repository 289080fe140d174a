import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { can, type Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { getSessionActor } from "@/lib/auth/session";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { fieldErrorsFromZod } from "./validation";

// The one door for server actions: who is calling, may they, is the input well-formed, then the
// domain function. Every action in app/**/actions.ts is built with defineAction, and the
// permission walk test (lib/auth/actions-walk.int.test.ts) calls each one as every role.

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: DomainError["code"] | "error"; error: string; fieldErrors?: FieldErrors; requestId: string };

export interface ActionContext<I> {
  actor: Actor;
  input: I;
  requestId: string;
}

export interface ActionDefinition<S extends z.ZodType, T> {
  /** A stable name, e.g. "workflow.create"; also the audit action by convention. */
  name: string;
  permission: Permission;
  input: S;
  handler: (ctx: ActionContext<z.infer<S>>) => Promise<T>;
}

export interface DefinedAction<S extends z.ZodType, T> {
  (input: z.input<S>): Promise<ActionResult<T>>;
  /** Runs the action as a given actor; the server action itself passes the session's actor. */
  runAs(actor: Actor | null, input: unknown): Promise<ActionResult<T>>;
  actionName: string;
  permission: Permission;
}

export const actionRegistry = new Map<string, { permission: Permission; runAs: (actor: Actor | null, input: unknown) => Promise<ActionResult<unknown>> }>();

export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>): DefinedAction<S, T> {
  async function runAs(actor: Actor | null, rawInput: unknown): Promise<ActionResult<T>> {
    const requestId = randomUUID();
    try {
      if (!actor) return { ok: false, code: "unauthenticated", error: "Sign in to continue.", requestId };
      // Authorise before looking at the input, so a refused caller learns nothing from validation.
      if (!can(actor, definition.permission)) {
        return { ok: false, code: "forbidden", error: "Your role does not allow this.", requestId };
      }
      const parsed = definition.input.safeParse(rawInput);
      if (!parsed.success) {
        const fieldErrors = fieldErrorsFromZod(parsed.error);
        return { ok: false, code: "invalid", error: "Some fields need attention.", fieldErrors, requestId };
      }
      const data = await definition.handler({ actor, input: parsed.data, requestId });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof DomainError) {
        return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors, requestId };
      }
      console.error(`[${requestId}] action ${definition.name} failed`, error);
      return { ok: false, code: "error", error: `Something went wrong (request ${requestId}).`, requestId };
    }
  }

  const action = (async (input: z.input<S>) => runAs(await getSessionActor(), input)) as DefinedAction<S, T>;
  action.runAs = runAs;
  action.actionName = definition.name;
  action.permission = definition.permission;
  actionRegistry.set(definition.name, { permission: definition.permission, runAs });
  return action;
}
