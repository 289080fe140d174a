import { createApiToken, createTokenInput } from "@/lib/tokens/create-token";
import { args, CLI_ACTOR, cliRequestId, fail, withDatabase } from "./cli";

// npm run token:create -- --name litellm-gateway --scope interactions:ingest [--scope inventory:read]
const values = args({ name: { type: "string" }, scope: { type: "string", multiple: true } });
const parsed = createTokenInput.safeParse({ name: values.name, scopes: values.scope ?? [] });
if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path[0] === "scopes" ? "scope" : i.path.join(".")}: ${i.message}`).join("\n"));

await withDatabase(async () => {
  const created = await createApiToken(CLI_ACTOR, parsed.data, cliRequestId());
  console.error(`Token "${created.name}" (${created.scopes.join(", ")}). It is shown this once; store it now:`);
  console.log(created.token);
});
