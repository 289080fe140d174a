import { readFile } from "node:fs/promises";
import path from "node:path";
import { HARD_NEGATIVES } from "@/lib/detect/hard-negatives";
import { assessInjection } from "@/lib/detect/injection";
import { scanInput } from "@/lib/detect/types";

// npm run eval:detect [-- --verbose]
// Recall of the injection/jailbreak detector on the in-the-wild jailbreak corpus in ../shared/corpora
// (not shipped with the project, so this is not part of npm test), and its false-positive rate on the
// hard negatives in lib/detect/hard-negatives.ts.
const verbose = process.argv.includes("--verbose");
const corpusPath = path.resolve(process.env.JAILBREAK_CORPUS ?? "../shared/corpora/inthewild-jailbreaks.json");

let corpus: string[];
try {
  corpus = JSON.parse(await readFile(corpusPath, "utf8")) as string[];
} catch (error) {
  console.error(`Cannot read the jailbreak corpus at ${corpusPath} (${(error as Error).message}). Set JAILBREAK_CORPUS to its path.`);
  process.exit(1);
}

const flagged = (text: string) => assessInjection(scanInput(text, "user")).flagged;
const missed = corpus.filter((text) => !flagged(text));
const falsePositives = HARD_NEGATIVES.filter(flagged);
const percent = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;

console.log(`Jailbreak corpus: ${corpus.length - missed.length} of ${corpus.length} flagged, recall ${percent(corpus.length - missed.length, corpus.length)}`);
console.log(`Hard negatives: ${falsePositives.length} of ${HARD_NEGATIVES.length} flagged, false-positive rate ${percent(falsePositives.length, HARD_NEGATIVES.length)}`);
if (verbose) {
  for (const text of falsePositives) {
    const { score, signals } = assessInjection(scanInput(text, "user"));
    console.log(`\nFALSE POSITIVE (score ${score}: ${signals.map((s) => s.rule).join(", ")}): ${text}`);
  }
  for (const text of missed) {
    const { score, signals } = assessInjection(scanInput(text, "user"));
    console.log(`\nMISSED (score ${score}: ${signals.map((s) => s.rule).join(", ")}): ${text.slice(0, 300).replace(/\s+/g, " ")}`);
  }
}
