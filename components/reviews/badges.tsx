import { Badge } from "@/components/ui";

// The same word always gets the same colour across the review screens.

const TONES: Record<string, "neutral" | "good" | "warn" | "bad" | "info"> = {
  draft: "neutral",
  active: "info",
  closing: "warn",
  completed: "good",
  approve: "good",
  deny: "bad",
  modify: "warn",
  dont_know: "neutral",
  no_information: "neutral",
  applied: "good",
  failed: "bad",
  object_gone: "neutral",
};

const WORDS: Record<string, string> = { dont_know: "don't know", no_information: "no information", object_gone: "object gone" };

export function ReviewBadge({ value }: { value: string }) {
  return <Badge tone={TONES[value] ?? "neutral"}>{WORDS[value] ?? value}</Badge>;
}
