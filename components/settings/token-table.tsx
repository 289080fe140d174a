"use client";

import { useState } from "react";
import { revokeTokenAction } from "@/app/(console)/settings/tokens/actions";
import { Badge, EmptyState, formatDate } from "@/components/ui";
import type { TokenListRow } from "@/lib/tokens/list-tokens";
import { Button, FormMessage } from "./form-controls";
import { CELL, Table, TableHeader } from "./table";
import { useServerAction } from "./use-server-action";

const COLUMNS = [{ label: "Name" }, { label: "Prefix" }, { label: "Scopes" }, { label: "Created by" }, { label: "Created" }, { label: "Last used" }, { label: "Status" }];

export function TokenTable({ tokens }: { tokens: TokenListRow[] }) {
  if (tokens.length === 0) return <EmptyState>No API tokens yet. Create one above for each gateway or automation that calls Warden.</EmptyState>;
  return (
    <Table header={<TableHeader columns={COLUMNS} />}>
      {tokens.map((token) => (
        <tr key={token.id} data-testid={`token-row-${token.name}`} className={token.revokedAt ? "text-slate-500" : ""}>
          <td className={`${CELL} font-medium`}>{token.name}</td>
          <td className={CELL}>
            <code className="font-mono text-xs">{token.prefix}…</code>
          </td>
          <td className={CELL}>
            <div className="flex flex-wrap gap-1">
              {token.scopes.map((scope) => (
                <Badge key={scope} tone="info">
                  {scope}
                </Badge>
              ))}
            </div>
          </td>
          <td className={CELL}>{token.createdBy ? token.createdBy.email : "command line"}</td>
          <td className={CELL}>{formatDate(token.createdAt)}</td>
          <td className={CELL}>{token.lastUsedAt ? formatDate(token.lastUsedAt) : "Never"}</td>
          <td className={CELL}>{token.revokedAt ? <Badge tone="bad">Revoked {formatDate(token.revokedAt)}</Badge> : <RevokeToken token={token} />}</td>
        </tr>
      ))}
    </Table>
  );
}

function RevokeToken({ token }: { token: TokenListRow }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useServerAction(revokeTokenAction);
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
      {confirming && !revoke.error && <p className="text-xs text-slate-600">Clients using it are refused from their next request. This cannot be undone.</p>}
      {revoke.error && <FormMessage tone="error">{revoke.error}</FormMessage>}
    </div>
  );
}
