"use client";

import { useRef, type FormEvent } from "react";
import { createUserAction } from "@/app/(console)/settings/users/actions";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/auth/permissions";
import { Button, FormMessage, SelectField, TextField } from "./form-controls";
import { useServerAction } from "./use-server-action";

export function CreateUserForm({ teams, minPasswordLength }: { teams: { id: string; name: string }[]; minPasswordLength: number }) {
  const formRef = useRef<HTMLFormElement>(null);
  const create = useServerAction(createUserAction, () => formRef.current?.reset());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const teamId = String(form.get("teamId") ?? "");
    create.run({
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? "") as Role,
      password: String(form.get("password") ?? ""),
      teamId: teamId || undefined,
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Add a user">
      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="Email" name="email" type="email" autoComplete="off" error={create.fieldErrors.email} />
        <TextField label="Name" name="name" autoComplete="off" error={create.fieldErrors.name} />
        <SelectField label="Role" name="role" defaultValue="analyst" error={create.fieldErrors.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role} — {ROLE_DESCRIPTIONS[role]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Team" name="teamId" defaultValue="" error={create.fieldErrors.teamId}>
          <option value="">No team</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${minPasswordLength} characters. Share it with the person over a safe channel.`}
          error={create.fieldErrors.password}
        />
      </div>
      {create.error && <FormMessage tone="error">{create.error}</FormMessage>}
      {create.result?.ok && (
        <FormMessage tone="success">
          Added {create.result.data.email} as {create.result.data.role}. They can sign in now.
        </FormMessage>
      )}
      <Button type="submit" pending={create.pending}>
        {create.pending ? "Adding…" : "Add user"}
      </Button>
    </form>
  );
}
