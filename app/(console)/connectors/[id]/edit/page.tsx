import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectorForm } from "@/components/inventory/connector-form";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { findConnectorDetail } from "@/lib/inventory/connector-queries";

export const metadata: Metadata = { title: "Edit connector" };

export default async function EditConnectorPage({ params }: { params: Promise<{ id: string }> }) {
  await guardPage("/connectors/[id]/edit");
  const connector = await findConnectorDetail((await params).id);
  if (!connector) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${connector.name}`}
        description="Connectors are shared: every admin and owner may correct one. An action a live grant still uses cannot be withdrawn."
        actions={<Link href={`/connectors/${connector.id}`} className="text-sm font-medium text-indigo-700 hover:underline">Back to the connector</Link>}
      />
      <Card>
        <ConnectorForm
          connectorId={connector.id}
          initial={{
            name: connector.name,
            kind: connector.kind,
            system: connector.system,
            description: connector.description,
            actions: connector.actions,
            resourcePattern: connector.resourcePattern,
            sensitivity: connector.sensitivity,
          }}
        />
      </Card>
    </>
  );
}
