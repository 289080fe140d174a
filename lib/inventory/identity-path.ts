import type { ConnectorKind, ExecutionMode, Sensitivity, WorkflowStatus } from "@/lib/generated/prisma/enums";

// The identity path of a workflow: workflow → credentials → connectors → resources and actions,
// as plain data (the loader fills it on the server, the graph draws it in the browser) and a
// deterministic layout in four columns, so the same inventory always draws the same picture.

export interface IdentityPathData {
  workflow: { id: string; name: string; status: WorkflowStatus; ownerName: string | null; orphaned: boolean };
  credentials: {
    id: string;
    name: string;
    kind: string;
    identifier: string;
    connectorId: string | null;
    ownerName: string | null;
    ownerActive: boolean;
    expiresAt: string | null;
    /** Listed in workflow_credentials; false when only a grant names it. */
    attached: boolean;
  }[];
  connectors: { id: string; name: string; system: string; kind: ConnectorKind; sensitivity: Sensitivity }[];
  /** Approved and requested grants only: what the workflow can reach now, or may soon. */
  grants: {
    id: string;
    status: "approved" | "requested";
    credentialId: string | null;
    connectorId: string;
    resources: string[];
    actions: string[];
    mode: ExecutionMode;
    expiresAt: string | null;
    /** The person who answers for this access: the credential's owner, else the workflow's. */
    ownerName: string | null;
    decidedByName: string | null;
    requestedByName: string | null;
  }[];
}

export type PathNodeKind = "workflow" | "credential" | "connector" | "resource";
export type PathEdgeKind = "uses" | "grant" | "scope" | "unmanaged";

// Type aliases, not interfaces: the graph library wants data assignable to Record<string, unknown>.
export type PathNode = {
  id: string;
  kind: PathNodeKind;
  label: string;
  detail: string[];
  warning: string | null;
  href: string | null;
  position: { x: number; y: number };
};

export type PathEdge = {
  id: string;
  kind: PathEdgeKind;
  source: string;
  target: string;
  /** solid: in force; dashed: requested, not yet approved; dotted: outside any grant. */
  line: "solid" | "dashed" | "dotted";
  label: string[];
  grantId: string | null;
};

export const NODE_WIDTH = 224;
export const ROW_GAP = 120;
// Gaps sized to the edge labels between columns: grant labels (credential → connector) are widest.
export const COLUMN_X: Record<PathNodeKind, number> = { workflow: 0, credential: 300, connector: 720, resource: 1040 };

/** "2026-12-01", or "never" for no date (no expiry, never rotated). */
export function shortDate(value: Date | string | null | undefined): string {
  if (!value) return "never";
  return (typeof value === "string" ? value : value.toISOString()).slice(0, 10);
}

/** "Priya Natarajan" → "Priya N.", to keep edge labels narrow. */
export function shortName(name: string | null): string {
  if (!name) return "none";
  const [first, ...rest] = name.trim().split(/\s+/);
  return rest.length ? `${first} ${rest.at(-1)!.charAt(0)}.` : first!;
}

const byLabel = (a: { label: string; id: string }, b: { label: string; id: string }) =>
  a.label.localeCompare(b.label, "en") || a.id.localeCompare(b.id, "en");

export function layoutIdentityPath(path: IdentityPathData): { nodes: PathNode[]; edges: PathEdge[]; width: number; height: number } {
  const connectorsById = new Map(path.connectors.map((c) => [c.id, c]));
  const unplaced: Omit<PathNode, "position">[] = [];

  unplaced.push({
    id: `workflow:${path.workflow.id}`,
    kind: "workflow",
    label: path.workflow.name,
    detail: [path.workflow.status, `owner ${path.workflow.ownerName ?? "none"}`],
    warning: path.workflow.orphaned ? "Orphaned: no active owner" : null,
    href: `/workflows/${path.workflow.id}`,
  });
  for (const credential of path.credentials) {
    unplaced.push({
      id: `credential:${credential.id}`,
      kind: "credential",
      label: credential.name,
      detail: [`${credential.kind} · ${credential.identifier}`, `owner ${shortName(credential.ownerName)} · expires ${shortDate(credential.expiresAt)}`],
      warning: credential.ownerName && !credential.ownerActive ? "Owner deactivated" : null,
      href: `/credentials/${credential.id}`,
    });
  }
  for (const connector of path.connectors) {
    unplaced.push({
      id: `connector:${connector.id}`,
      kind: "connector",
      label: connector.name,
      detail: [`${connector.system} · ${connector.sensitivity} sensitivity`],
      warning: null,
      href: `/connectors/${connector.id}`,
    });
  }
  const resourceIds = new Set<string>();
  for (const grant of path.grants) {
    for (const resource of grant.resources) {
      const id = resourceNodeId(grant.connectorId, resource);
      if (resourceIds.has(id)) continue;
      resourceIds.add(id);
      unplaced.push({ id, kind: "resource", label: resource, detail: [connectorsById.get(grant.connectorId)?.name ?? ""], warning: null, href: null });
    }
  }

  const columns = (Object.keys(COLUMN_X) as PathNodeKind[]).map((kind) => unplaced.filter((n) => n.kind === kind).sort(byLabel));
  const tallest = Math.max(1, ...columns.map((column) => column.length));
  const nodes: PathNode[] = columns.flatMap((column) => {
    // Centre shorter columns against the tallest so edges fan out instead of running downhill.
    const offset = ((tallest - column.length) * ROW_GAP) / 2;
    return column.map((node, row) => ({ ...node, position: { x: COLUMN_X[node.kind], y: offset + row * ROW_GAP } }));
  });

  return { nodes, edges: pathEdges(path), width: COLUMN_X.resource + NODE_WIDTH, height: tallest * ROW_GAP };
}

function resourceNodeId(connectorId: string, resource: string): string {
  return `resource:${connectorId}:${resource}`;
}

function pathEdges(path: IdentityPathData): PathEdge[] {
  const workflowNode = `workflow:${path.workflow.id}`;
  const edges: PathEdge[] = [];
  for (const credential of path.credentials) {
    edges.push({
      id: `uses:${credential.id}`,
      kind: "uses",
      source: workflowNode,
      target: `credential:${credential.id}`,
      line: credential.attached ? "solid" : "dotted",
      // The credential's owner and expiry are on its node; the edge only needs saying when odd.
      label: credential.attached ? [] : ["named by a grant, not attached"],
      grantId: null,
    });
  }
  const granted = new Set<string>();
  for (const grant of path.grants) {
    const line = grant.status === "approved" ? "solid" : "dashed";
    const from = grant.credentialId ? `credential:${grant.credentialId}` : workflowNode;
    granted.add(`${grant.credentialId}->${grant.connectorId}`);
    edges.push({
      id: `grant:${grant.id}`,
      kind: "grant",
      source: from,
      target: `connector:${grant.connectorId}`,
      line,
      label: [`${grant.status} · ${grant.mode}`, `owner ${shortName(grant.ownerName)} · exp ${shortDate(grant.expiresAt)}`],
      grantId: grant.id,
    });
    for (const resource of grant.resources) {
      edges.push({
        id: `scope:${grant.id}:${resource}`,
        kind: "scope",
        source: `connector:${grant.connectorId}`,
        target: resourceNodeId(grant.connectorId, resource),
        line,
        label: [grant.actions.join(", ")],
        grantId: grant.id,
      });
    }
  }
  // A credential made for a connector reaches it whether or not Warden granted anything; show it.
  for (const credential of path.credentials) {
    if (!credential.connectorId || granted.has(`${credential.id}->${credential.connectorId}`)) continue;
    if (!path.connectors.some((c) => c.id === credential.connectorId)) continue;
    edges.push({
      id: `unmanaged:${credential.id}`,
      kind: "unmanaged",
      source: `credential:${credential.id}`,
      target: `connector:${credential.connectorId}`,
      line: "dotted",
      label: ["no grant"],
      grantId: null,
    });
  }
  // Input order varies with the database; the picture must not.
  return edges.sort((a, b) => a.id.localeCompare(b.id, "en"));
}
