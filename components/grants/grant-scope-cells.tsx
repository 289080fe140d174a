import { Cell } from "@/components/data-table";
import type { ExecutionMode } from "@/lib/grants/scope";
import { ModeBadge } from "./mode-badge";

/** A grant's scope in a table row: its resources, actions and execution mode, in that order. */
export function GrantScopeCells({ grant }: { grant: { resources: string[]; actions: string[]; mode: ExecutionMode } }) {
  return (
    <>
      <Cell className="max-w-xs font-mono text-xs break-words">{grant.resources.join(", ")}</Cell>
      <Cell>{grant.actions.join(", ")}</Cell>
      <Cell>
        <ModeBadge mode={grant.mode} />
      </Cell>
    </>
  );
}
