import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(254, "Email is too long (254 characters at most)."),
  name: z.string().trim().min(1, "Name is required.").max(120, "Name is too long (120 characters at most)."),
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(", ")}.` }),
  // Optional: people who only use single sign-on have no password.
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Password is too long (200 characters at most).")
    .optional(),
});

export type CreateUserInput = z.infer<typeof createUserInput>;

export async function createUser(actor: Actor, input: CreateUserInput, requestId: string) {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) throw new ConflictError("A user with this email already exists.", { email: "A user with this email already exists." });
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } });
    await recordAudit(tx, {
      actor,
      action: "user.create",
      target: { type: "user", id: user.id },
      after: { email: user.email, name: user.name, role: user.role, localPassword: Boolean(passwordHash) },
      requestId,
    });
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  });
}
