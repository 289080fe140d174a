import type { ReactNode } from "react";
import type { FieldErrors } from "@/lib/errors";

// Labelled form controls whose error sits next to the field (role="alert", linked with
// aria-describedby), so people and tests find a field by its name and hear what is wrong with it.

export const inputClassName =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-rose-500 focus:border-indigo-500 focus:outline-none";

/** The message for a field: its own key, or the first of its items ("models.2"). */
export function errorFor(fieldErrors: FieldErrors | undefined, name: string): string | undefined {
  if (!fieldErrors) return undefined;
  if (fieldErrors[name]) return fieldErrors[name];
  const item = Object.keys(fieldErrors).find((key) => key.startsWith(`${name}.`));
  return item ? fieldErrors[item] : undefined;
}

/** Messages for keys no field on the form shows, so nothing the server said is lost. */
export function otherErrors(fieldErrors: FieldErrors | undefined, shown: readonly string[]): string[] {
  if (!fieldErrors) return [];
  return Object.entries(fieldErrors)
    .filter(([key]) => !shown.some((name) => key === name || key.startsWith(`${name}.`)))
    .map(([, message]) => message);
}

export interface ControlProps {
  id: string;
  name: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

export function Field({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, name, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}

interface SimpleFieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
}

export function TextField({ type = "text", mono = false, ...props }: SimpleFieldProps & { type?: "text" | "date" | "number"; mono?: boolean }) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input {...control} type={type} value={props.value} onChange={props.onChange} className={mono ? `${inputClassName} font-mono` : inputClassName} autoComplete="off" spellCheck={!mono} />
      )}
    </Field>
  );
}

export function SelectField({ options, emptyOption, ...props }: SimpleFieldProps & { options: readonly { value: string; label: string }[]; emptyOption?: string }) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <select {...control} value={props.value} onChange={props.onChange} className={inputClassName}>
          {emptyOption !== undefined && <option value="">{emptyOption}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Enum values shown as they are: [{ value: "production", label: "production" }, …]. */
export const asOptions = (values: readonly string[], labels?: Record<string, string>) => values.map((value) => ({ value, label: labels?.[value] ?? value }));

/** People in an owner picker, marked when they have left. */
export const personOptions = (people: readonly { id: string; name: string; email: string; active: boolean }[]) =>
  people.map((person) => ({ value: person.id, label: `${person.name} (${person.email})${person.active ? "" : " — deactivated"}` }));

/** A group of checkboxes (connector actions, approvers) with one legend and one error. */
export function CheckboxGroup({
  name,
  legend,
  hint,
  error,
  options,
  selected,
  onChange,
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string; description?: string }[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
}) {
  const id = `field-${name}`;
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} aria-invalid={Boolean(error)}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
        {options.map((option) => (
          <label key={option.value} className="inline-flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              checked={selected.includes(option.value)}
              onChange={(event) => onChange(event.target.checked ? [...selected, option.value] : selected.filter((v) => v !== option.value))}
              className="h-4 w-4 rounded border-slate-300"
            />
            {option.label}
            {option.description && <span className="text-xs text-slate-500">({option.description})</span>}
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-rose-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function FormAlert({ messages }: { messages: (string | null | undefined)[] }) {
  const shown = messages.filter((m): m is string => Boolean(m));
  if (shown.length === 0) return null;
  return (
    <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
      {shown.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

export function SubmitButton({ pending, children, pendingText = "Saving…" }: { pending: boolean; children: ReactNode; pendingText?: string }) {
  return (
    <button type="submit" disabled={pending} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60">
      {pending ? pendingText : children}
    </button>
  );
}

export const secondaryButtonClassName = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";
export const primaryLinkClassName = "rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700";
