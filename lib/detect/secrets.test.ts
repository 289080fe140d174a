import { describe, expect, it } from "vitest";
import { FAKE } from "./fake-secrets";
import { findSecrets, secretFindings, shannonEntropy } from "./secrets";
import { scanInput } from "./types";

const find = (text: string) => findSecrets(scanInput(text)).map((m) => ({ rule: m.rule.id, secret: m.secret, span: text.slice(m.start, m.end) }));

describe("secret detector", () => {
  it.each([
    ["openai_api_key", `OPENAI_API_KEY=${FAKE.openai}`, FAKE.openai],
    ["anthropic_api_key", `client = Anthropic(api_key="${FAKE.anthropic}")`, FAKE.anthropic],
    ["aws_access_key_id", `aws_access_key_id = ${FAKE.aws}`, FAKE.aws],
    ["github_token", `git clone https://${FAKE.github}@github.com/acme/app`, FAKE.github],
    ["stripe_live_key", `stripe.api_key = "${FAKE.stripe}"`, FAKE.stripe],
    ["google_api_key", `GEMINI_API_KEY: ${FAKE.google}`, FAKE.google],
    ["slack_token", `token ${FAKE.slack} posted`, FAKE.slack],
    ["jwt", `Authorization: Bearer ${FAKE.jwt}`, FAKE.jwt],
  ])("finds a %s with its exact span", (rule, text, secret) => {
    expect(find(text)).toContainEqual({ rule, secret, span: secret });
  });

  it("finds the password inside a connection string, not the whole URL", () => {
    const text = "DATABASE_URL=postgres://app:Tr0ub4dor-and-3@db.internal:5432/orders";
    expect(find(text)).toEqual([{ rule: "connection_string", secret: "Tr0ub4dor-and-3", span: "Tr0ub4dor-and-3" }]);
  });

  it("finds a private key block", () => {
    const body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7".repeat(3);
    const text = `key:\n-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
    expect(find(text).map((f) => f.rule)).toEqual(["private_key"]);
  });

  it("finds a random value assigned to a secret-looking name", () => {
    expect(find('DB_PASSWORD="hK9vQ2mLx7RtZ4pW"').map((f) => f.secret)).toEqual(["hK9vQ2mLx7RtZ4pW"]);
  });

  it.each([
    "const token = await getToken(session);",
    "if (token.expiresAt < now) return refreshToken(token);",
    "tokenCount = 128; maxTokens = 4096",
    'const apiKey = process.env.OPENAI_API_KEY;',
    '{"token": "<your token here>"}',
    "password: ${DB_PASSWORD}",
    "postgres://user:${PGPASSWORD}@localhost:5432/app",
    "postgres://user:password@localhost:5432/app",
    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    'api_key = "aaaaaaaaaaaaaaaaaaaaaaaa1"',
    "The secret to good bread is patience; the key ingredient is time.",
    "Split the text into tokens and count them: tokens.length",
  ])("stays clean on ordinary code and prose: %s", (text) => {
    expect(find(text)).toEqual([]);
  });

  it("explains a finding without repeating the secret", () => {
    const [finding] = secretFindings(scanInput(`key ${FAKE.openai}`, "assistant"));
    expect(finding).toMatchObject({ category: "secret", owasp: "LLM02:2025", severity: "critical", detector: "secrets", rule: "openai_api_key" });
    expect(finding!.explanation).toContain(FAKE.openai.slice(-4));
    expect(finding!.explanation).not.toContain(FAKE.openai);
    expect(finding!.explanation).toContain("a model response");
  });

  it("measures entropy in bits per character", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
  });
});
