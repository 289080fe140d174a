import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LevelBadge, OwnerName, StatusBadge } from "@/components/inventory/badges";
import { Cell, DataTable } from "@/components/data-table";
import { secondaryButtonClassName } from "@/components/forms/form-controls";
import { Card, Facts, formatDate, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { findConnectorDetail } from "@/lib/inventory/connector-queries";
import { credentialIdentifier } from "@/lib/inventory/credential-identifiers";
import { shortDate } from "@/lib/inventory/identity-path";
import { CONNECTOR_KIND_LABELS, CREDENTIAL_KIND_LABELS } from "@/lib/inventory/vocabulary";

export const metadata: Metadata = { title: "Connector" };

export default async function ConnectorPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guardPage("/connectors/[id]");
  const connector = await findConnectorDetail((await params).id);
  if (!connector) notFound();
  return (
    <>
      <PageHeader
        title={connector.name}
        description={connector.description || undefined}
        actions={can(actor, "connector:write") && <Link href={`/connectors/${connector.id}/edit`} className={secondaryButtonClassName}>Edit</Link>}
      />
      <Card title="Details">
        <Facts
          items={[
            ["Kind", CONNECTOR_KIND_LABELS[connector.kind]],
            ["System", connector.system],
            ["Actions", connector.actions.join(", ")],
            ["Resource pattern", <code key="p" className="font-mono text-xs">{connector.resourcePattern}</code>],
            ["Sensitivity", <LevelBadge key="s" level={connector.sensitivity} />],
            ["Added", formatDate(connector.createdAt)],
            ["Last changed", formatDate(connector.updatedAt)],
          ]}
        />
      </Card>
      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Card title="Credentials for this connector">
          {connector.credentials.length === 0 ? (
            <p className="text-sm text-slate-500">No credentials recorded for this connector.</p>
          ) : (
            <DataTable caption="Credentials for this connector" headers={["Credential", "Kind", "Identifier", "Owner", "Environment"]}>
              {connector.credentials.map((credential) => (
                <tr key={credential.id}>
                  <Cell><Link href={`/credentials/${credential.id}`} className="font-medium text-indigo-700 hover:underline">{credential.name}</Link></Cell>
                  <Cell>{CREDENTIAL_KIND_LABELS[credential.kind]}</Cell>
                  <Cell className="font-mono text-xs">{credentialIdentifier(credential)}</Cell>
                  <Cell><OwnerName owner={credential.owner} /></Cell>
                  <Cell>{credential.environment}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
        <Card title="Workflows with live grants here">
          {connector.grants.length === 0 ? (
            <p className="text-sm text-slate-500">No workflow holds or has requested a grant on this connector.</p>
          ) : (
            <DataTable caption="Live grants on this connector" headers={["Workflow", "Grant", "Resources", "Actions", "Expires"]}>
              {connector.grants.map((grant) => (
                <tr key={grant.id}>
                  <Cell><Link href={`/workflows/${grant.workflow.id}`} className="font-medium text-indigo-700 hover:underline">{grant.workflow.name}</Link></Cell>
                  <Cell><Link href={`/grants/${grant.id}`} className="inline-flex items-center gap-1.5 text-indigo-700 hover:underline"><StatusBadge status={grant.status} /> <span>View grant</span></Link></Cell>
                  <Cell className="font-mono text-xs">{grant.resources.join(", ")}</Cell>
                  <Cell>{grant.actions.join(", ")}</Cell>
                  <Cell>{shortDate(grant.expiresAt)}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
