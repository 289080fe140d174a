"use client";

import { useRouter } from "next/navigation";
import { useRef, type FormEvent } from "react";
import { createUserAction } from "@/app/(console)/settings/users/actions";
import { Button, FormAlert, FormSuccess, otherErrors, SelectField, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/auth/permissions";

const FIELDS = ["email", "name", "role", "teamId", "password"];
const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: `${role} — ${ROLE_DESCRIPTIONS[role]}` }));

export function CreateUserForm({ teams, minPasswordLength }: { teams: { id: string; name: string }[]; minPasswordLength: number }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useActionMutation(createUserAction, () => {
    formRef.current?.reset();
    router.refresh();
  });

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
        <TextField label="Email" name="email" type="email" error={create.fieldErrors.email} />
        <TextField label="Name" name="name" error={create.fieldErrors.name} />
        <SelectField label="Role" name="role" defaultValue="analyst" options={ROLE_OPTIONS} error={create.fieldErrors.role} />
        <SelectField label="Team" name="teamId" defaultValue="" emptyOption="No team" options={teams.map((team) => ({ value: team.id, label: team.name }))} error={create.fieldErrors.teamId} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${minPasswordLength} characters. Share it with the person over a safe channel.`}
          error={create.fieldErrors.password}
        />
      </div>
      <FormAlert messages={[create.formError, ...otherErrors(create.fieldErrors, FIELDS)]} />
      {create.data && (
        <FormSuccess>
          Added {create.data.email} as {create.data.role}. They can sign in now.
        </FormSuccess>
      )}
      <Button type="submit" pending={create.pending} pendingText="Adding…">
        Add user
      </Button>
    </form>
  );
}
