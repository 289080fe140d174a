import type { Dispatch, ReactNode, SetStateAction } from "react";
import type { FieldErrors } from "@/lib/errors";

// Every form's pieces: labelled controls whose error sits next to the field (role="alert", linked
// with aria-describedby), so people and tests find a field by its name and hear what is wrong with
// it; the form-level answer; the buttons. No hooks here, so server pages can use the class names.
// Controls work either way: controlled (value + onChange) or uncontrolled (defaultValue, read with
// FormData on submit).

export const inputClassName =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-rose-500 focus:border-indigo-500 focus:outline-none";

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

/** A field's error; `id` is what the control's aria-describedby names (`field-<name>-error`). */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-rose-700">
      {message}
    </p>
  );
}

export interface ControlProps {
  id: string;
  name: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

/**
 * Label, control, hint and error. The id comes from the name (`field-<name>`), so two forms on one
 * page give their fields different names (e.g. "newPassword" beside a "password").
 */
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
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

interface SimpleFieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** Controlled: the value and its change handler. */
  value?: string;
  onChange?: (event: { target: { value: string } }) => void;
  /** Uncontrolled: the starting value; the form reads the field with FormData. */
  defaultValue?: string;
}

export function TextField({
  type = "text",
  mono = false,
  autoComplete = "off",
  ...props
}: SimpleFieldProps & { type?: "text" | "email" | "password" | "date" | "number"; mono?: boolean; autoComplete?: string }) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={props.value}
          defaultValue={props.defaultValue}
          onChange={props.onChange}
          className={mono ? `${inputClassName} font-mono` : inputClassName}
          autoComplete={autoComplete}
          spellCheck={!mono}
        />
      )}
    </Field>
  );
}

export function SelectField({ options, emptyOption, ...props }: SimpleFieldProps & { options: readonly { value: string; label: string }[]; emptyOption?: string }) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <select {...control} value={props.value} defaultValue={props.defaultValue} onChange={props.onChange} className={inputClassName}>
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

type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/**
 * For forms that keep their values in one state object: `field("name", "Name")` gives a
 * TextField or SelectField its name, label, value, change handler and the server's message.
 */
export function fieldBinder<V extends object>(values: V, setValues: Dispatch<SetStateAction<V>>, fieldErrors: FieldErrors) {
  return (name: TextKeys<V>, label: string) => ({
    name,
    label,
    value: values[name] as string,
    onChange: (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value })),
    error: errorFor(fieldErrors, name),
  });
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
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** What went wrong with the form as a whole; renders nothing when every message is empty. */
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

/** What a successful action did, announced politely. */
export function FormSuccess({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {children}
    </p>
  );
}

const BUTTON_TONES = {
  primary: "rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60",
  secondary: "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60",
  danger: "rounded-md bg-rose-600 px-4 py-2 text-sm font-medium text-white hover:bg-rose-700 disabled:opacity-60",
} as const;

/** For links and hand-made buttons that should look like a secondary button. */
export const secondaryButtonClassName = BUTTON_TONES.secondary;
export const primaryLinkClassName = "rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700";

/** A button that is disabled while its action runs, and says so when given `pendingText`. */
export function Button({
  children,
  tone = "primary",
  type = "button",
  pending = false,
  pendingText,
  onClick,
}: {
  children: ReactNode;
  tone?: keyof typeof BUTTON_TONES;
  type?: "button" | "submit";
  pending?: boolean;
  pendingText?: string;
  onClick?: () => void;
}) {
  return (
    <button type={type} onClick={onClick} disabled={pending} className={BUTTON_TONES[tone]}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
