import type {
  ConnectorKind,
  CredentialKind,
  DataClassification,
  Environment,
  ExecutionMode,
  Sensitivity,
  WorkflowStatus,
} from "@/lib/generated/prisma/enums";

// The words the inventory uses, in display order, with their labels. Plain data so forms (client)
// and validation (server) read the same lists.

export const ENVIRONMENTS = ["production", "staging", "development"] as const satisfies readonly Environment[];
export const WORKFLOW_STATUSES = ["draft", "active", "suspended", "retired"] as const satisfies readonly WorkflowStatus[];
export const DATA_CLASSIFICATIONS = ["public", "internal", "confidential", "restricted"] as const satisfies readonly DataClassification[];
export const CONNECTOR_KINDS = ["tool", "api", "data_source", "plugin", "mcp_server"] as const satisfies readonly ConnectorKind[];
export const SENSITIVITIES = ["low", "medium", "high", "critical"] as const satisfies readonly Sensitivity[];
export const CREDENTIAL_KINDS = ["api_key", "service_account", "oauth_client", "gateway_virtual_key"] as const satisfies readonly CredentialKind[];
export const EXECUTION_MODES = ["suggest", "approve", "autonomous"] as const satisfies readonly ExecutionMode[];

/**
 * What a connector may offer. Grants pick from a connector's actions, so a closed vocabulary keeps
 * "write" from also appearing as "Write" or "update" and slipping past least-privilege checks.
 */
export const CONNECTOR_ACTIONS = ["read", "write", "delete", "execute", "send", "admin"] as const;
export type ConnectorAction = (typeof CONNECTOR_ACTIONS)[number];

export const CONNECTOR_KIND_LABELS: Record<ConnectorKind, string> = {
  tool: "Tool",
  api: "API",
  data_source: "Data source",
  plugin: "Plugin",
  mcp_server: "MCP server",
};

export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  api_key: "API key",
  service_account: "Service account",
  oauth_client: "OAuth client",
  gateway_virtual_key: "Gateway virtual key",
};

export const CONNECTOR_ACTION_HINTS: Record<ConnectorAction, string> = {
  read: "read data",
  write: "create or change data",
  delete: "remove data",
  execute: "run code or jobs",
  send: "send messages or email",
  admin: "change settings or permissions",
};

export const DEFAULT_ROTATION_POLICY_DAYS = 90;

/** "data_source" → "data source", for enum values shown as text. */
export function humanize(value: string): string {
  return value.replaceAll("_", " ");
}
