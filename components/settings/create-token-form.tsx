"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { createTokenAction } from "@/app/(console)/settings/tokens/actions";
import { Button, errorFor, FieldError, FormAlert, otherErrors, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { TOKEN_SCOPES, type TokenScope } from "@/lib/auth/permissions";

// What each scope lets a machine client do, in the words an admin decides by.
const SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  "interactions:ingest": "Send interaction logs from an LLM gateway.",
  "inventory:read": "Read workflows, connectors, credentials and grants.",
  "inventory:export": "Download the inventory export.",
  "audit:read": "Read the audit trail.",
  "triage:export": "Export flagged interactions (CSV or JSON) for an incident or an audit.",
};

interface CreatedToken {
  name: string;
  token: string;
  scopes: string[];
}

export function CreateTokenForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useActionMutation(createTokenAction, (data) => {
    setCreated({ name: data.name, token: data.token, scopes: data.scopes });
    formRef.current?.reset();
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setCreated(null);
    create.run({ name: String(form.get("name") ?? ""), scopes: form.getAll("scopes").map(String) as TokenScope[] });
  }

  const scopesError = errorFor(create.fieldErrors, "scopes");

  return (
    <div className="space-y-4">
      {created && <NewTokenNotice created={created} onDone={() => setCreated(null)} />}
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create an API token">
        <div className="max-w-md">
          <TextField label="Name" name="name" hint="Say which client holds it, e.g. litellm-gateway-prod." error={create.fieldErrors.name} />
        </div>
        <fieldset aria-describedby={scopesError ? "field-scopes-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <p className="text-xs text-slate-500">A token can do exactly what its scopes name, nothing else.</p>
          <div className="mt-2 grid gap-2 md:grid-cols-2">
            {TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm">
                <input type="checkbox" name="scopes" value={scope} className="mt-0.5" />
                <span>
                  <span className="font-mono text-xs font-semibold">{scope}</span>
                  <span className="block text-slate-600">{SCOPE_DESCRIPTIONS[scope]}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id="field-scopes-error" message={scopesError} />
        </fieldset>
        <FormAlert messages={[create.formError, ...otherErrors(create.fieldErrors, ["name", "scopes"])]} />
        <Button type="submit" pending={create.pending} pendingText="Creating…">
          Create token
        </Button>
      </form>
    </div>
  );
}

/** The one and only time the plaintext is on screen: Warden keeps just its hash. */
function NewTokenNotice({ created, onDone }: { created: CreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div role="status" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-semibold text-amber-900">
        Token “{created.name}” created ({created.scopes.join(", ")}). Copy it now: you won&apos;t see it again.
      </p>
      <p className="text-xs text-amber-900">Warden stores only a hash of it. If it is lost, revoke it and create another.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="new-token" className="break-all rounded-md border border-amber-200 bg-white px-3 py-2 font-mono text-sm">
          {created.token}
        </code>
        <Button tone="secondary" onClick={copy}>
          {copied === "yes" ? "Copied" : "Copy token"}
        </Button>
        <Button tone="secondary" onClick={onDone}>
          Done
        </Button>
      </div>
      {copied === "failed" && <p className="text-xs text-rose-700">The browser refused to copy. Select the token and copy it by hand.</p>}
    </div>
  );
}
