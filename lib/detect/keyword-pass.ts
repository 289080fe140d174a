import { INJECTION_RULES, PAYLOAD_HINT_KEYWORDS } from "./injection-rules";
import { KeywordIndex, type KeywordHits } from "./keywords";
import { SECRET_RULES } from "./secret-rules";
import type { ScanInput } from "./types";

// Every detector's keywords in one index, so a text is scanned for all of them in a single pass.
const ALL_KEYWORDS = new KeywordIndex([
  ...SECRET_RULES.flatMap((rule) => rule.keywords),
  ...INJECTION_RULES.flatMap((rule) => [...rule.keywords, ...(rule.requires ?? [])]),
  ...PAYLOAD_HINT_KEYWORDS,
]);

/** The keywords in the input, found once and kept on it for the other detectors. */
export function keywordHits(input: Pick<ScanInput, "lower" | "hits">): KeywordHits {
  input.hits ??= ALL_KEYWORDS.find(input.lower);
  return input.hits;
}
