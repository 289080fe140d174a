#!/bin/sh
echo "Warden: migrations are SQL files in prisma/migrations applied by 'npm run db:migrate' (lib/db/migrate.ts); the Prisma schema engine is not used." >&2
exit 1
