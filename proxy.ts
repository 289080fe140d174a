import { NextResponse, type NextRequest } from "next/server";

// Gives every request an id (kept from the load balancer when it sent one) and tells server
// components which path was asked for, so sign-in can send people back where they were going.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  const requestId = headers.get("x-request-id") ?? crypto.randomUUID();
  headers.set("x-request-id", requestId);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
}

// Not the ingestion endpoints: with a proxy in front, Next.js buffers a copy of every request body
// (and cuts it at 10 MB), which would hold uploads in memory and truncate large batches. Those routes
// make their own request id (defineRoute) and have no pages to return to.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/ingest/|api/otlp/).*)"],
};
