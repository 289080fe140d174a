import type { Metadata } from "next";
import { CredentialForm } from "@/components/inventory/credential-form";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { listConnectorOptions } from "@/lib/inventory/connector-queries";
import { listOwnerOptions } from "@/lib/inventory/people";
import { DEFAULT_ROTATION_POLICY_DAYS } from "@/lib/inventory/vocabulary";

export const metadata: Metadata = { title: "New credential" };

export default async function NewCredentialPage() {
  const actor = await guardPage("/credentials/new");
  const [connectors, owners] = await Promise.all([listConnectorOptions(), listOwnerOptions()]);
  return (
    <>
      <PageHeader title="New credential" description="Record a key or account a workflow uses: what it is, who owns it, when it was issued and when it must be rotated." />
      <Card>
        <CredentialForm
          connectors={connectors}
          owners={owners.filter((owner) => owner.id !== actor.id)}
          initial={{
            name: "",
            kind: "api_key",
            connectorId: "",
            environment: "production",
            lastFour: "",
            fingerprint: "",
            ownerId: "",
            issuedAt: "",
            lastRotatedAt: "",
            expiresAt: "",
            rotationPolicyDays: String(DEFAULT_ROTATION_POLICY_DAYS),
          }}
        />
      </Card>
    </>
  );
}
