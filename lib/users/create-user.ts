import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError, ValidationError } from "@/lib/errors";

/** A new local password, as an admin sets it at creation or on reset. */
export const passwordField = z
  .string({ message: "Password is required." })
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Password is too long (200 characters at most).");

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(254, "Email is too long (254 characters at most)."),
  name: z.string().trim().min(1, "Name is required.").max(120, "Name is too long (120 characters at most)."),
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(", ")}.` }),
  // Optional: people who only use single sign-on have no password.
  password: passwordField.optional(),
  teamId: z.uuid({ message: "Choose a team from the list." }).optional(),
});

export type CreateUserInput = z.infer<typeof createUserInput>;

export async function createUser(actor: Actor, input: CreateUserInput, requestId: string) {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) throw new ConflictError("A user with this email already exists.", { email: "A user with this email already exists." });
  const team = input.teamId ? await db.team.findUnique({ where: { id: input.teamId }, select: { id: true, name: true } }) : null;
  if (input.teamId && !team) throw new ValidationError("That team does not exist.", { teamId: "That team does not exist." });
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash, teamId: team?.id ?? null } });
    await recordAudit(tx, {
      actor,
      action: "user.create",
      target: { type: "user", id: user.id },
      after: { email: user.email, name: user.name, role: user.role, team: team?.name ?? null, localPassword: Boolean(passwordHash) },
      requestId,
    });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  });
}
