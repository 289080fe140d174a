import { connectForCli } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { dataDir } from "./cli";

const server = await connectForCli(dataDir());
try {
  const ran = await migrate(server.url, { log: (line) => console.log(line) });
  console.log(ran.length ? `Applied ${ran.length} migration(s).` : "Database is up to date.");
} finally {
  await server.stop();
}
