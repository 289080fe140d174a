import { db } from "@/lib/db/client";

// Public by design (ROUTES["/api/health"]): for load balancers. Says only whether the database answers.
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "database unavailable" }, { status: 503 });
  }
}
