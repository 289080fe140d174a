import { injectionFindings } from "./injection";
import { INJECTION_RULE_SET } from "./injection-rules";
import { PII_RULE_SET, piiFindings } from "./pii";
import { SECRET_RULE_SET } from "./secret-rules";
import { secretFindings } from "./secrets";
import { scanInput, type CheckResult, type DetectOptions, type DetectorName, type DetectResult, type Finding, type ScanInput } from "./types";

// Runs every detector over one text and records each as a check, so a stored verdict can say which
// rule sets ran, which passed and how long each took.

/** In order: secrets first, so callers that mask can run the others on the masked text. */
export const DETECTORS: { name: DetectorName; ruleSet: string; run: (input: ScanInput) => Finding[] }[] = [
  { name: "secrets", ruleSet: SECRET_RULE_SET, run: secretFindings },
  { name: "pii", ruleSet: PII_RULE_SET, run: piiFindings },
  { name: "injection", ruleSet: INJECTION_RULE_SET, run: injectionFindings },
];

export function detect(text: string, options: DetectOptions = {}): DetectResult {
  const input = scanInput(text, options.role ?? "user");
  const findings: Finding[] = [];
  const checks: CheckResult[] = [];
  for (const detector of DETECTORS) {
    const started = performance.now();
    const found = detector.run(input);
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    findings.push(...found);
    checks.push({ source: "warden", detector: detector.name, ruleSet: detector.ruleSet, passed: found.length === 0, durationMs, findings: found.length });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { findings, checks };
}
