import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// Public by design (ROUTES["/api/auth/[...nextauth]"]): next-auth's sign-in, callback and
// sign-out endpoints. Built per request so configuration is read at run time, not build time.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
