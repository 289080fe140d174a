import { defineConfig } from "prisma/config";

// Migrations are hand-written SQL applied by lib/db/migrate.ts (the Prisma schema engine cannot be
// downloaded on every machine); this file only tells the CLI where the schema lives.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
