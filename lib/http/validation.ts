import type { z } from "zod";
import type { FieldErrors } from "@/lib/errors";

/** One readable message per field ("resources.2" for the third resource), first problem wins. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    fieldErrors[key] ??= issue.message;
  }
  return fieldErrors;
}
