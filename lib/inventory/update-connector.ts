import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { CONNECTOR_NAME_TAKEN, connectorFields, connectorSnapshot } from "./connector-input";
import { requiredId } from "./fields";
import { changedFields } from "./snapshot";
import { withUniqueName } from "./unique-name";

export const updateConnectorInput = connectorFields.extend({ id: requiredId("Unknown connector.") });
export type UpdateConnectorInput = z.infer<typeof updateConnectorInput>;

/**
 * Saves the connector form. Connectors are a shared catalogue (no single owner), so any admin or
 * owner may correct one; what they cannot do is withdraw an action a live grant still relies on.
 */
export async function updateConnector(actor: Actor, input: UpdateConnectorInput, requestId: string): Promise<{ id: string }> {
  const { id, ...fields } = input;
  return withUniqueName(CONNECTOR_NAME_TAKEN, () =>
    db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM connectors WHERE id = ${id}::uuid FOR UPDATE`;
      const existing = await tx.connector.findUnique({ where: { id } });
      if (!existing) throw new NotFoundError("Connector");

      const problems: FieldErrors = {};
      const sameName = await tx.connector.findUnique({ where: { name: fields.name }, select: { id: true } });
      if (sameName && sameName.id !== id) problems.name = CONNECTOR_NAME_TAKEN;
      const offered: readonly string[] = fields.actions;
      const withdrawn = existing.actions.filter((action) => !offered.includes(action));
      if (withdrawn.length) {
        const users = await tx.grant.findMany({
          where: { connectorId: id, status: { in: ["requested", "approved"] }, actions: { hasSome: withdrawn } },
          select: { actions: true, workflow: { select: { name: true } } },
          orderBy: { createdAt: "asc" },
        });
        if (users.length) {
          const inUse = withdrawn.filter((action) => users.some((g) => g.actions.includes(action)));
          const workflows = [...new Set(users.map((g) => g.workflow.name))].join(", ");
          problems.actions = `Still used by live grants (${workflows}): ${inUse.join(", ")}. Revoke or reduce those grants first.`;
        }
      }
      if (Object.keys(problems).length) throw new ValidationError("Some fields need attention.", problems);

      const before = connectorSnapshot(existing);
      const diff = changedFields(before, { ...before, ...fields });
      if (!diff) return { id };
      await tx.connector.update({ where: { id }, data: fields });
      await recordAudit(tx, { actor, action: "connector.update", target: { type: "connector", id }, before: diff.before, after: diff.after, requestId });
      return { id };
    }),
  );
}
