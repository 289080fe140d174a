import { describe, expect, it } from "vitest";
import { FAKE } from "./fake-secrets";
import { keyedSecretHash, maskSecrets } from "./mask";

const KEY = "test-masking-key";

describe("maskSecrets", () => {
  it("replaces every secret and leaves none of it in the output", () => {
    const text = `config: OPENAI_API_KEY=${FAKE.openai}\naws ${FAKE.aws} and ${FAKE.github}; card 4111 1111 1111 1111 stays`;
    const { text: masked, secrets } = maskSecrets(text, KEY);
    for (const secret of [FAKE.openai, FAKE.aws, FAKE.github]) {
      expect(masked).not.toContain(secret);
      expect(masked).not.toContain(secret.slice(0, -4));
    }
    expect(masked).toContain(`[SECRET:openai_api_key:…${FAKE.openai.slice(-4)}]`);
    expect(masked).toContain("card 4111 1111 1111 1111 stays");
    expect(secrets.map((s) => s.kind)).toEqual(["openai_api_key", "aws_access_key_id", "github_token"]);
    expect(secrets[0]).toMatchObject({ lastFour: FAKE.openai.slice(-4), keyedHash: keyedSecretHash(FAKE.openai, KEY) });
    expect(text.slice(secrets[1]!.start, secrets[1]!.end)).toBe(FAKE.aws);
  });

  it("gives the same keyed hash for the same key in different texts, and a different one under another key", () => {
    const first = maskSecrets(`here: ${FAKE.stripe}`, KEY).secrets[0]!;
    const second = maskSecrets(`"${FAKE.stripe}" was pasted again`, KEY).secrets[0]!;
    expect(first.keyedHash).toBe(second.keyedHash);
    expect(first.keyedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(maskSecrets(`here: ${FAKE.stripe}`, "another-key").secrets[0]!.keyedHash).not.toBe(first.keyedHash);
  });

  it("keeps no last four characters of a short secret", () => {
    const { text, secrets } = maskSecrets("postgres://app:s3cr3tpw@db:5432/x", KEY);
    expect(text).toBe("postgres://app:[SECRET:connection_string]@db:5432/x");
    expect(secrets[0]!.lastFour).toBe("");
  });

  it("returns text without secrets unchanged", () => {
    expect(maskSecrets("const token = await getToken();", KEY)).toEqual({ text: "const token = await getToken();", secrets: [] });
  });
});
