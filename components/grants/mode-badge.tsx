import { Badge } from "@/components/ui";
import type { ExecutionMode } from "@/lib/grants/scope";

const MODE_TONES: Record<ExecutionMode, "neutral" | "info" | "warn"> = { suggest: "neutral", approve: "info", autonomous: "warn" };

/** How much the agent may do without a person: the more autonomous, the warmer the colour. */
export function ModeBadge({ mode }: { mode: ExecutionMode }) {
  return <Badge tone={MODE_TONES[mode]}>{mode}</Badge>;
}
