"use server";

import { defineAction } from "@/lib/http/action";
import { changeUserRole, changeUserRoleInput } from "@/lib/users/change-user-role";
import { createUser, createUserInput, passwordField } from "@/lib/users/create-user";
import { deactivateUser, deactivateUserInput } from "@/lib/users/deactivate-user";
import { reactivateUser, reactivateUserInput } from "@/lib/users/reactivate-user";
import { resetUserPassword, resetUserPasswordInput } from "@/lib/users/reset-user-password";
import { unlockUser, unlockUserInput } from "@/lib/users/unlock-user";

// Accounts made from the console always have a local password; SSO-only accounts come from the
// identity provider (or the user:create command).
export const createUserAction = defineAction({
  name: "user.create",
  permission: "user:manage",
  input: createUserInput.extend({ password: passwordField }),
  handler: ({ actor, input, requestId }) => createUser(actor, input, requestId),
});

export const changeUserRoleAction = defineAction({
  name: "user.role_change",
  permission: "user:manage",
  input: changeUserRoleInput,
  handler: ({ actor, input, requestId }) => changeUserRole(actor, input, requestId),
});

export const deactivateUserAction = defineAction({
  name: "user.deactivate",
  permission: "user:manage",
  input: deactivateUserInput,
  handler: ({ actor, input, requestId }) => deactivateUser(actor, input, requestId),
});

export const reactivateUserAction = defineAction({
  name: "user.reactivate",
  permission: "user:manage",
  input: reactivateUserInput,
  handler: ({ actor, input, requestId }) => reactivateUser(actor, input, requestId),
});

export const unlockUserAction = defineAction({
  name: "user.unlock",
  permission: "user:manage",
  input: unlockUserInput,
  handler: ({ actor, input, requestId }) => unlockUser(actor, input, requestId),
});

export const resetUserPasswordAction = defineAction({
  name: "user.password_reset",
  permission: "user:manage",
  input: resetUserPasswordInput,
  handler: ({ actor, input, requestId }) => resetUserPassword(actor, input, requestId),
});
