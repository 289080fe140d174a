import { createUser, createUserInput } from "@/lib/users/create-user";
import { args, CLI_ACTOR, cliRequestId, fail, withDatabase } from "./cli";

// npm run user:create -- --email jo@acme.example --role owner [--name "Jo Bloggs"] [--password …]
// Without --password, the password is read from WARDEN_PASSWORD (keeps it out of shell history);
// with neither, the account can sign in only through single sign-on.
const values = args({ email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, password: { type: "string" } });
const parsed = createUserInput.safeParse({
  email: values.email,
  role: values.role,
  name: values.name ?? values.email?.split("@")[0],
  password: values.password ?? process.env.WARDEN_PASSWORD,
});
if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));

await withDatabase(async () => {
  const user = await createUser(CLI_ACTOR, parsed.data, cliRequestId()).catch((e: Error) => fail(e.message));
  console.log(`Created ${user.role} ${user.email} (${user.id}).`);
});
