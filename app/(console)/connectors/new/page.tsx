import type { Metadata } from "next";
import { ConnectorForm } from "@/components/inventory/connector-form";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "New connector" };

export default async function NewConnectorPage() {
  await guardPage("/connectors/new");
  return (
    <>
      <PageHeader title="New connector" description="A system workflows can reach: the actions it offers, how its resources are named, and how sensitive it is." />
      <Card>
        <ConnectorForm initial={{ name: "", kind: "api", system: "", description: "", actions: ["read"], resourcePattern: "", sensitivity: "medium" }} />
      </Card>
    </>
  );
}
