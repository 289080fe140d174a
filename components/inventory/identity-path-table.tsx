import Link from "next/link";
import { shortDate, type IdentityPathData } from "@/lib/inventory/identity-path";
import { StatusBadge } from "./badges";
import { Cell, DataTable } from "@/components/data-table";

/**
 * The identity path as a table: every live grant, and every credential that reaches a connector
 * with no grant at all. Says in words what the graph draws.
 */
export function IdentityPathTable({ path }: { path: IdentityPathData }) {
  const credentials = new Map(path.credentials.map((c) => [c.id, c]));
  const connectors = new Map(path.connectors.map((c) => [c.id, c]));
  const ungoverned = path.credentials.filter(
    (credential) => credential.connectorId && connectors.has(credential.connectorId) && !path.grants.some((g) => g.credentialId === credential.id && g.connectorId === credential.connectorId),
  );
  const unused = path.credentials.filter((credential) => !credential.connectorId && !path.grants.some((g) => g.credentialId === credential.id));
  if (path.grants.length === 0 && ungoverned.length === 0 && unused.length === 0) {
    return <p className="text-sm text-slate-500">This workflow has no credentials and no live grants: it reaches nothing yet.</p>;
  }
  const credentialLink = (id: string | null) => {
    const credential = id ? credentials.get(id) : undefined;
    return credential ? (
      <Link href={`/credentials/${credential.id}`} className="text-indigo-700 hover:underline">{credential.name}</Link>
    ) : (
      <span className="text-slate-500">none</span>
    );
  };
  const connectorLink = (id: string | null) => {
    const connector = id ? connectors.get(id) : undefined;
    return connector ? <Link href={`/connectors/${connector.id}`} className="text-indigo-700 hover:underline">{connector.name}</Link> : <span className="text-slate-500">—</span>;
  };
  return (
    <DataTable caption={`Identity path of ${path.workflow.name}`} headers={["Grant", "Credential", "Connector", "Resources", "Actions", "Mode", "Expires", "Owner", "Decided by"]}>
      {path.grants.map((grant) => (
        <tr key={grant.id} data-testid="path-grant">
          <Cell>
            <Link href={`/grants/${grant.id}`} className="inline-flex items-center gap-1.5 text-indigo-700 hover:underline">
              <StatusBadge status={grant.status} /> <span>View grant</span>
            </Link>
          </Cell>
          <Cell>{credentialLink(grant.credentialId)}</Cell>
          <Cell>{connectorLink(grant.connectorId)}</Cell>
          <Cell className="font-mono text-xs">{grant.resources.join(", ")}</Cell>
          <Cell>{grant.actions.join(", ")}</Cell>
          <Cell>{grant.mode}</Cell>
          <Cell>{shortDate(grant.expiresAt)}</Cell>
          <Cell>{grant.ownerName ?? "—"}</Cell>
          <Cell>{grant.decidedByName ?? <span className="text-slate-500">awaiting decision</span>}</Cell>
        </tr>
      ))}
      {[...ungoverned, ...unused].map((credential) => (
        <tr key={credential.id} data-testid="path-ungoverned">
          <Cell><span className="text-xs font-medium text-slate-600">{credential.connectorId ? "No grant" : "Not tied to a connector"}</span></Cell>
          <Cell>{credentialLink(credential.id)}</Cell>
          <Cell>{connectorLink(credential.connectorId)}</Cell>
          <Cell className="text-slate-500">—</Cell>
          <Cell className="text-slate-500">—</Cell>
          <Cell className="text-slate-500">—</Cell>
          <Cell>{shortDate(credential.expiresAt)}</Cell>
          <Cell>{credential.ownerName ?? "—"}</Cell>
          <Cell className="text-slate-500">—</Cell>
        </tr>
      ))}
    </DataTable>
  );
}
