import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/http/validation";
import { EXECUTION_MODES } from "./scope";

// Zod fields shared by the request and decision contracts, so both report the same messages.

export const MAX_RESOURCES = 50;
export const MAX_RESOURCE_LENGTH = 200;
export const MAX_JUSTIFICATION_LENGTH = 2000;
export const MAX_REASON_LENGTH = 2000;

export const idField = (what: string) => z.guid({ message: `Choose a ${what}.` });

export const resourcesField = z
  .array(
    z
      .string()
      .trim()
      .min(1, "Resource cannot be empty.")
      .max(MAX_RESOURCE_LENGTH, `Resource is too long (${MAX_RESOURCE_LENGTH} characters at most).`),
    { message: "Resources must be a list." },
  )
  .min(1, "Add at least one resource.")
  .max(MAX_RESOURCES, `Too many resources (${MAX_RESOURCES} at most).`)
  .transform((resources) => [...new Set(resources)]);

export const actionsField = z
  .array(z.string().trim().min(1, "Action cannot be empty.").max(40, "Action is too long (40 characters at most)."), {
    message: "Actions must be a list.",
  })
  .min(1, "Choose at least one action.")
  .max(20, "Too many actions (20 at most).")
  .transform((actions) => [...new Set(actions)]);

export const modeField = z.enum(EXECUTION_MODES, { message: `Mode must be one of: ${EXECUTION_MODES.join(", ")}.` });

export const expiresAtField = z.coerce.date({ message: "Expiry must be a valid date." });

export const reasonField = z
  .string()
  .trim()
  .max(MAX_REASON_LENGTH, `Reason is too long (${MAX_REASON_LENGTH} characters at most).`);

/**
 * Parses a domain function's input, so scripts and tests that call it directly get the same
 * field-by-field ValidationError a server action gets.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("Some fields need attention.", fieldErrorsFromZod(parsed.error));
  return parsed.data;
}
