import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";

// Test data made through the database, each with unique names so tests never collide.

export function unique(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

export async function createTestUser(role: Role, overrides: { active?: boolean; passwordHash?: string; email?: string } = {}): Promise<Actor & { type: "user" }> {
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `${unique(role)}@test.example`,
      name: unique(`Test ${role}`),
      role,
      active: overrides.active ?? true,
      passwordHash: overrides.passwordHash ?? null,
    },
  });
  return { type: "user", id: user.id, email: user.email, name: user.name, role: user.role };
}

export const testRequestId = () => `test-${randomUUID()}`;
