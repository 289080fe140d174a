"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeTokenAction } from "@/app/(console)/settings/tokens/actions";
import { Cell, DataTable } from "@/components/data-table";
import { Button, FormAlert } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { Badge, EmptyState, formatDate } from "@/components/ui";
import type { TokenListRow } from "@/lib/tokens/list-tokens";

const HEADERS = ["Name", "Prefix", "Scopes", "Created by", "Created", "Last used", "Status"];

export function TokenTable({ tokens }: { tokens: TokenListRow[] }) {
  if (tokens.length === 0) return <EmptyState>No API tokens yet. Create one above for each gateway or automation that calls Warden.</EmptyState>;
  return (
    <DataTable caption="API tokens" headers={HEADERS}>
      {tokens.map((token) => (
        <tr key={token.id} data-testid={`token-row-${token.name}`} className={token.revokedAt ? "text-slate-500" : ""}>
          <Cell className="font-medium">{token.name}</Cell>
          <Cell>
            <code className="font-mono text-xs">{token.prefix}…</code>
          </Cell>
          <Cell>
            <div className="flex flex-wrap gap-1">
              {token.scopes.map((scope) => (
                <Badge key={scope} tone="info">
                  {scope}
                </Badge>
              ))}
            </div>
          </Cell>
          <Cell>{token.createdBy ? token.createdBy.email : "command line"}</Cell>
          <Cell>{formatDate(token.createdAt)}</Cell>
          <Cell>{token.lastUsedAt ? formatDate(token.lastUsedAt) : "Never"}</Cell>
          <Cell>{token.revokedAt ? <Badge tone="bad">Revoked {formatDate(token.revokedAt)}</Badge> : <RevokeToken token={token} />}</Cell>
        </tr>
      ))}
    </DataTable>
  );
}

function RevokeToken({ token }: { token: TokenListRow }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const revoke = useActionMutation(revokeTokenAction, () => router.refresh());
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="good">Active</Badge>
        {confirming ? (
          <>
            <Button tone="danger" pending={revoke.pending} onClick={() => revoke.run({ tokenId: token.id })}>
              Confirm revoke<span className="sr-only"> {token.name}</span>
            </Button>
            <Button tone="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </>
        ) : (
          <Button tone="secondary" onClick={() => setConfirming(true)}>
            Revoke<span className="sr-only"> {token.name}</span>
          </Button>
        )}
      </div>
      {confirming && !revoke.formError && <p className="text-xs text-slate-600">Clients using it are refused from their next request. This cannot be undone.</p>}
      <FormAlert messages={[revoke.formError]} />
    </div>
  );
}
