import type { Metadata } from "next";
import Link from "next/link";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { TokenTable } from "@/components/settings/token-table";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { listApiTokens } from "@/lib/tokens/list-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await guardPage("/settings/tokens");
  const tokens = await listApiTokens();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Machine clients (LLM gateways, automation) call Warden with a bearer token. Each token carries only the scopes it needs; Warden stores a hash, never the token."
        actions={
          <Link href="/settings" className="text-sm font-medium text-indigo-700 hover:underline">
            Back to settings
          </Link>
        }
      />
      <Card title="Create a token" className="mb-6">
        <CreateTokenForm />
      </Card>
      <Card title="Tokens">
        <TokenTable tokens={tokens} />
      </Card>
    </>
  );
}
