import type { FieldErrors } from "@/lib/errors";

// Conversions between the grant forms' inputs and the actions' contracts.

/** Non-empty trimmed lines of a textarea. */
export function resourceLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A date input ("2026-03-01") as the instant the grant expires: 00:00 UTC that day. */
export function dateInputToIso(value: string): string | undefined {
  return value ? `${value}T00:00:00.000Z` : undefined;
}

export function isoToDateInput(value: Date | string | null): string {
  if (!value) return "";
  return (typeof value === "string" ? new Date(value) : value).toISOString().slice(0, 10);
}

/** The resources list's message, naming the resource ("Resource 3: …") when one item is wrong. */
export function resourcesError(fieldErrors: FieldErrors): string | undefined {
  if (fieldErrors.resources) return fieldErrors.resources;
  const key = Object.keys(fieldErrors).find((k) => k.startsWith("resources."));
  return key ? `Resource ${Number(key.split(".")[1]) + 1}: ${fieldErrors[key]}` : undefined;
}
