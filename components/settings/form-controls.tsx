import { useId, type ReactNode } from "react";

// Labelled inputs with their error right beneath, so every form reads and tests the same way
// (Playwright's getByLabel finds each control by its visible label).

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-rose-400";

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-rose-700">
      {message}
    </p>
  );
}

interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  className: string;
}

/** Label, control, then the hint or (in its place) the error; the control is wired to both. */
function Field({ label, error, hint, control }: { label: string; error?: string; hint?: string; control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, className: INPUT })}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function TextField({
  label,
  name,
  error,
  hint,
  type = "text",
  defaultValue,
  autoComplete,
}: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  type?: "text" | "email" | "password" | "date";
  defaultValue?: string;
  autoComplete?: string;
}) {
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      control={(props) => <input {...props} name={name} type={type} defaultValue={defaultValue} autoComplete={autoComplete} />}
    />
  );
}

export function SelectField({ label, name, error, defaultValue, children }: { label: string; name: string; error?: string; defaultValue?: string; children: ReactNode }) {
  return (
    <Field
      label={label}
      error={error}
      control={(props) => (
        <select {...props} name={name} defaultValue={defaultValue}>
          {children}
        </select>
      )}
    />
  );
}

/** The form-level answer of an action: what went wrong, or what was done. */
export function FormMessage({ tone, children }: { tone: "error" | "success"; children: ReactNode }) {
  return (
    <p role={tone === "error" ? "alert" : "status"} className={`rounded-md p-2 text-sm ${tone === "error" ? "bg-rose-50 text-rose-800" : "bg-emerald-50 text-emerald-800"}`}>
      {children}
    </p>
  );
}

const BUTTON_TONES = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
  danger: "bg-rose-600 text-white hover:bg-rose-700",
} as const;

export function Button({
  children,
  tone = "primary",
  type = "button",
  pending = false,
  onClick,
}: {
  children: ReactNode;
  tone?: keyof typeof BUTTON_TONES;
  type?: "button" | "submit";
  pending?: boolean;
  onClick?: () => void;
}) {
  return (
    <button type={type} onClick={onClick} disabled={pending} className={`rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60 ${BUTTON_TONES[tone]}`}>
      {children}
    </button>
  );
}
