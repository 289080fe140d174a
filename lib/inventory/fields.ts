import { z } from "zod";

// Small zod building blocks shared by the inventory's input schemas. Forms send "" for an empty
// optional field; these turn it into null so "not given" has one spelling.

const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

export const requiredText = (field: string, max: number) =>
  z
    .string({ error: `${field} is required.` })
    .trim()
    .min(1, `${field} is required.`)
    .max(max, `${field} is too long (${max} characters at most).`);

export const optionalText = (field: string, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : value),
    z.preprocess(emptyToNull, z.string().max(max, `${field} is too long (${max} characters at most).`).nullable()),
  );

/** An id picked from a list; a malformed id gets the same message as an unknown one. */
export const optionalId = (message: string) => z.preprocess(emptyToNull, z.uuid({ error: message }).nullable());
export const requiredId = (message: string) => z.uuid({ error: message });

export const oneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.enum(values, { error: `${field} must be one of: ${values.join(", ")}.` });

/** A short list of names (models, providers), trimmed, blanks dropped, duplicates removed. */
export const nameList = (field: string, itemMax: number, maxItems: number) =>
  z
    .array(z.string({ error: `${field} must be a list of names.` }).trim().max(itemMax, `Each entry in ${field} is ${itemMax} characters at most.`), {
      error: `${field} must be a list of names.`,
    })
    .transform((items) => [...new Set(items.filter((item) => item !== ""))])
    .refine((items) => items.length <= maxItems, `${field}: ${maxItems} entries at most.`);

/** A calendar date from an <input type="date"> ("2026-03-01"), or a full ISO timestamp. */
export const optionalDate = (field: string) =>
  z.preprocess(
    emptyToNull,
    z
      .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: `${field} must be a date (YYYY-MM-DD).` })
      .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value))
      .nullable(),
  );
