import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseEngine: "pglite" | "postgresql";
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase();
  console.log(`integration tests on ${database.engine}`);
  project.provide("databaseUrl", database.url);
  project.provide("databaseEngine", database.engine);
  return () => database.drop();
}
