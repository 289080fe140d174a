import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { CONNECTOR_NAME_TAKEN, connectorFields, connectorSnapshot } from "./connector-input";
import { withUniqueName } from "./unique-name";

export const createConnectorInput = connectorFields;
export type CreateConnectorInput = z.infer<typeof createConnectorInput>;

export async function createConnector(actor: Actor, input: CreateConnectorInput, requestId: string): Promise<{ id: string }> {
  return withUniqueName(CONNECTOR_NAME_TAKEN, () =>
    db.$transaction(async (tx) => {
      if (await tx.connector.findUnique({ where: { name: input.name }, select: { id: true } })) {
        throw new ValidationError("Some fields need attention.", { name: CONNECTOR_NAME_TAKEN });
      }
      const connector = await tx.connector.create({ data: input });
      await recordAudit(tx, { actor, action: "connector.create", target: { type: "connector", id: connector.id }, after: connectorSnapshot(connector), requestId });
      return { id: connector.id };
    }),
  );
}
