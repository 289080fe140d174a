"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import {
  changeUserRoleAction,
  deactivateUserAction,
  reactivateUserAction,
  resetUserPasswordAction,
  unlockUserAction,
} from "@/app/(console)/settings/users/actions";
import { asOptions, Button, FormAlert, FormSuccess, SelectField, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { ROLES, type Role } from "@/lib/auth/permissions";
import type { UserListRow } from "@/lib/users/list-users";

const SECTION = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";
const SECTION_TITLE = "text-sm font-semibold text-slate-700";

/**
 * Everything an admin can do to one account, each with its own answer shown beside it. Each
 * success refreshes the page, so the table row shows the change. Fields are named "newRole" and
 * "newPassword" so their ids differ from the add-user form's on the same page.
 */
export function UserManagePanel({ user, isSelf, minPasswordLength }: { user: UserListRow; isSelf: boolean; minPasswordLength: number }) {
  return (
    <div className="grid gap-4 lg:grid-cols-3" aria-label={`Manage ${user.email}`} role="group">
      <ChangeRole user={user} isSelf={isSelf} />
      <ResetPassword user={user} minPasswordLength={minPasswordLength} />
      <div className="space-y-4">
        {(user.lockedUntil || user.failedLoginCount > 0) && <Unlock user={user} />}
        <ActiveState user={user} isSelf={isSelf} />
      </div>
    </div>
  );
}

function ChangeRole({ user, isSelf }: { user: UserListRow; isSelf: boolean }) {
  const router = useRouter();
  const change = useActionMutation(changeUserRoleAction, () => router.refresh());
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.run({ userId: user.id, role: String(new FormData(event.currentTarget).get("newRole")) as Role });
  }
  return (
    <form onSubmit={onSubmit} className={SECTION}>
      <h3 className={SECTION_TITLE}>Role</h3>
      <SelectField label="New role" name="newRole" defaultValue={user.role} options={asOptions(ROLES)} error={change.fieldErrors.role} />
      {isSelf && <p className="text-xs text-slate-500">This is your own account: giving yourself another role takes effect at once.</p>}
      <FormAlert messages={[change.formError]} />
      {change.data && <FormSuccess>{change.data.changed ? `Role changed to ${change.data.role}.` : `Already ${change.data.role}: nothing changed.`}</FormSuccess>}
      <Button type="submit" pending={change.pending}>
        Change role
      </Button>
    </form>
  );
}

function ResetPassword({ user, minPasswordLength }: { user: UserListRow; minPasswordLength: number }) {
  const formRef = useRef<HTMLFormElement>(null);
  const router = useRouter();
  const reset = useActionMutation(resetUserPasswordAction, () => {
    formRef.current?.reset();
    router.refresh();
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset.run({ userId: user.id, password: String(new FormData(event.currentTarget).get("newPassword") ?? "") });
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className={SECTION}>
      <h3 className={SECTION_TITLE}>Password</h3>
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minPasswordLength} characters. Also lifts a lockout.`}
        error={reset.fieldErrors.password}
      />
      <FormAlert messages={[reset.formError]} />
      {reset.succeeded && <FormSuccess>Password set. Give it to {user.name} over a safe channel.</FormSuccess>}
      <Button type="submit" pending={reset.pending}>
        Set password
      </Button>
    </form>
  );
}

function Unlock({ user }: { user: UserListRow }) {
  const router = useRouter();
  const unlock = useActionMutation(unlockUserAction, () => router.refresh());
  return (
    <div className={SECTION}>
      <h3 className={SECTION_TITLE}>Lockout</h3>
      <p className="text-sm text-slate-600">
        {user.lockedUntil ? "Locked after too many wrong passwords." : `${user.failedLoginCount} wrong password${user.failedLoginCount === 1 ? "" : "s"} in a row so far.`}
      </p>
      <FormAlert messages={[unlock.formError]} />
      {unlock.succeeded && <FormSuccess>Unlocked.</FormSuccess>}
      <Button tone="secondary" pending={unlock.pending} onClick={() => unlock.run({ userId: user.id })}>
        Unlock account
      </Button>
    </div>
  );
}

function ActiveState({ user, isSelf }: { user: UserListRow; isSelf: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const deactivate = useActionMutation(deactivateUserAction, () => {
    setConfirming(false);
    router.refresh();
  });
  const reactivate = useActionMutation(reactivateUserAction, () => router.refresh());

  return (
    <div className={SECTION}>
      <h3 className={SECTION_TITLE}>Access</h3>
      {user.active ? (
        isSelf ? (
          <p className="text-sm text-slate-600">This is your own account. Another admin must deactivate it.</p>
        ) : confirming ? (
          <>
            <p className="text-sm text-slate-700">Deactivate {user.email}? They are signed out at once and cannot sign in until reactivated.</p>
            <div className="flex gap-2">
              <Button tone="danger" pending={deactivate.pending} onClick={() => deactivate.run({ userId: user.id })}>
                Confirm deactivation
              </Button>
              <Button tone="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </div>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-600">Can sign in.</p>
            <Button tone="secondary" onClick={() => setConfirming(true)}>
              Deactivate
            </Button>
          </>
        )
      ) : (
        <>
          <p className="text-sm text-slate-600">Deactivated: cannot sign in. What they own stays in place.</p>
          <Button tone="secondary" pending={reactivate.pending} onClick={() => reactivate.run({ userId: user.id })}>
            Reactivate
          </Button>
        </>
      )}
      <FormAlert messages={[deactivate.formError ?? reactivate.formError]} />
    </div>
  );
}
