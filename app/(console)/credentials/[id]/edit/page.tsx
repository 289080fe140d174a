import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { CredentialForm } from "@/components/inventory/credential-form";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { listConnectorOptions } from "@/lib/inventory/connector-queries";
import { findCredentialDetail } from "@/lib/inventory/credential-queries";
import { canEditCredential } from "@/lib/inventory/ownership";
import { listOwnerOptions } from "@/lib/inventory/people";

export const metadata: Metadata = { title: "Edit credential" };

const dateValue = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

export default async function EditCredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guardPage("/credentials/[id]/edit");
  const credential = await findCredentialDetail((await params).id);
  if (!credential) notFound();
  if (!canEditCredential(actor, credential)) forbidden();
  const [connectors, owners] = await Promise.all([listConnectorOptions(), listOwnerOptions(credential.ownerId)]);
  return (
    <>
      <PageHeader
        title={`Edit ${credential.name}`}
        actions={<Link href={`/credentials/${credential.id}`} className="text-sm font-medium text-indigo-700 hover:underline">Back to the credential</Link>}
      />
      <Card>
        <CredentialForm
          credentialId={credential.id}
          connectors={connectors}
          owners={owners}
          initial={{
            name: credential.name,
            kind: credential.kind,
            connectorId: credential.connectorId ?? "",
            environment: credential.environment,
            lastFour: credential.lastFour ?? "",
            fingerprint: credential.fingerprint ?? "",
            ownerId: credential.ownerId ?? "",
            issuedAt: dateValue(credential.issuedAt),
            lastRotatedAt: dateValue(credential.lastRotatedAt),
            expiresAt: dateValue(credential.expiresAt),
            rotationPolicyDays: String(credential.rotationPolicyDays),
          }}
        />
      </Card>
    </>
  );
}
