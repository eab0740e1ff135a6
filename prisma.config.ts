import { defineConfig } from "prisma/config";

// `env()` from prisma/config throws when the variable is unset, and `prisma generate` runs at
// postinstall on machines with no database configured, so read process.env directly.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL },
});
