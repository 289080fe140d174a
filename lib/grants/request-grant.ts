import "server-only";
import { z } from "zod";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { actionsField, expiresAtField, idField, MAX_JUSTIFICATION_LENGTH, modeField, parseInput, resourcesField } from "./fields";
import { notifyGrantRequested } from "./grant-notifications";
import { DAY_MS, expiryProblem } from "./scope";

export const requestGrantInput = z.object({
  workflowId: idField("workflow"),
  connectorId: idField("connector"),
  credentialId: idField("credential").optional(),
  resources: resourcesField,
  actions: actionsField,
  mode: modeField,
  justification: z
    .string()
    .trim()
    .min(1, "Justification is required: say why the workflow needs this.")
    .max(MAX_JUSTIFICATION_LENGTH, `Justification is too long (${MAX_JUSTIFICATION_LENGTH} characters at most).`),
  // Omitted: GRANT_DEFAULT_DAYS from now.
  expiresAt: expiresAtField.optional(),
});

export type RequestGrantInput = z.input<typeof requestGrantInput>;

/** Records a request for a delegated permission and tells the people who can decide it. */
export async function requestGrant(actor: Actor, rawInput: RequestGrantInput, requestId: string, now = new Date()) {
  const input = parseInput(requestGrantInput, rawInput);
  const { GRANT_DEFAULT_DAYS, GRANT_MAX_DAYS } = env();
  const expiresAt = input.expiresAt ?? new Date(now.getTime() + GRANT_DEFAULT_DAYS * DAY_MS);

  const [workflow, connector, credential] = await Promise.all([
    db.workflow.findUnique({ where: { id: input.workflowId }, select: { id: true, name: true, status: true } }),
    db.connector.findUnique({ where: { id: input.connectorId }, select: { id: true, name: true, actions: true } }),
    input.credentialId
      ? db.credential.findUnique({
          where: { id: input.credentialId },
          select: { id: true, name: true, connectorId: true, workflows: { where: { workflowId: input.workflowId }, select: { workflowId: true } } },
        })
      : null,
  ]);

  const fieldErrors: FieldErrors = {};
  if (!workflow) fieldErrors.workflowId = "That workflow does not exist.";
  else if (workflow.status === "suspended" || workflow.status === "retired") {
    fieldErrors.workflowId = `${workflow.name} is ${workflow.status}; it cannot be given new permissions.`;
  }
  if (!connector) fieldErrors.connectorId = "That connector does not exist.";
  else {
    const unoffered = input.actions.filter((a) => !connector.actions.includes(a));
    if (unoffered.length > 0) {
      fieldErrors.actions = unoffered.map((a) => `Action '${a}' is not offered by ${connector.name}.`).join(" ");
    }
  }
  if (input.credentialId) {
    if (!credential) fieldErrors.credentialId = "That credential does not exist.";
    else if (workflow && credential.workflows.length === 0) fieldErrors.credentialId = `${credential.name} is not attached to ${workflow.name}.`;
    else if (connector && credential.connectorId !== connector.id) fieldErrors.credentialId = `${credential.name} is not a credential for ${connector.name}.`;
  }
  const expiry = expiryProblem(expiresAt, now, GRANT_MAX_DAYS);
  if (expiry) fieldErrors.expiresAt = expiry;
  if (Object.keys(fieldErrors).length > 0 || !workflow || !connector) throw new ValidationError("Some fields need attention.", fieldErrors);

  const requestedById = actorUserId(actor);
  const scope = { resources: input.resources, actions: input.actions, mode: input.mode, expiresAt: expiresAt.toISOString() };
  return db.$transaction(async (tx) => {
    const grant = await tx.grant.create({
      data: {
        workflowId: workflow.id,
        connectorId: connector.id,
        credentialId: credential?.id ?? null,
        resources: input.resources,
        actions: input.actions,
        mode: input.mode,
        requestedResources: input.resources,
        requestedActions: input.actions,
        requestedMode: input.mode,
        justification: input.justification,
        status: "requested",
        expiresAt,
        requestedById,
      },
    });
    await tx.grantEvent.create({
      data: { grantId: grant.id, type: "requested", actorId: requestedById, at: grant.createdAt, details: { ...scope, credentialId: grant.credentialId } },
    });
    await recordAudit(tx, {
      actor,
      action: "grant.request",
      target: { type: "grant", id: grant.id },
      after: { workflowId: workflow.id, connectorId: connector.id, credentialId: grant.credentialId, ...scope, justification: input.justification, status: "requested" },
      requestId,
    });
    await notifyGrantRequested(tx, { id: grant.id, workflowId: workflow.id, workflowName: workflow.name, connectorName: connector.name, requestedById });
    return { id: grant.id, status: grant.status };
  });
}
