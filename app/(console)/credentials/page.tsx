import type { Metadata } from "next";
import Link from "next/link";
import { CredentialHealthBadges, OwnerName } from "@/components/inventory/badges";
import { Cell, DataTable } from "@/components/data-table";
import { primaryLinkClassName } from "@/components/forms/form-controls";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { credentialIdentifier } from "@/lib/inventory/credential-identifiers";
import { listCredentials } from "@/lib/inventory/credential-queries";
import { shortDate } from "@/lib/inventory/identity-path";
import { CREDENTIAL_KIND_LABELS } from "@/lib/inventory/vocabulary";

export const metadata: Metadata = { title: "Credentials" };

export default async function CredentialsPage() {
  const actor = await guardPage("/credentials");
  const credentials = await listCredentials();
  return (
    <>
      <PageHeader
        title="Credentials"
        description="API keys, service accounts, OAuth clients and gateway virtual keys, described by fingerprint or last four characters. Warden never holds the secret."
        actions={can(actor, "credential:write") && <Link href="/credentials/new" className={primaryLinkClassName}>New credential</Link>}
      />
      <Card>
        {credentials.length === 0 ? (
          <EmptyState>No credentials recorded yet.</EmptyState>
        ) : (
          <DataTable caption="Credentials" headers={["Name", "Kind", "Identifier", "Connector", "Environment", "Owner", "Last rotated", "Expires", "Health", "Workflows"]}>
            {credentials.map((c) => (
              <tr key={c.id}>
                <Cell><Link href={`/credentials/${c.id}`} className="font-medium text-indigo-700 hover:underline">{c.name}</Link></Cell>
                <Cell>{CREDENTIAL_KIND_LABELS[c.kind]}</Cell>
                <Cell className="font-mono text-xs">{credentialIdentifier(c)}</Cell>
                <Cell>{c.connector?.name ?? "—"}</Cell>
                <Cell>{c.environment}</Cell>
                <Cell><OwnerName owner={c.owner} /></Cell>
                <Cell>{shortDate(c.lastRotatedAt)}</Cell>
                <Cell>{shortDate(c.expiresAt)}</Cell>
                <Cell><CredentialHealthBadges health={c.health} /></Cell>
                <Cell className="tabular-nums">{c._count.workflows}</Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </>
  );
}
