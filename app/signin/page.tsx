import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionActor } from "@/lib/auth/session";
import { env, oidcConfigured } from "@/lib/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERROR_MESSAGES: Record<string, string> = {
  SsoNotAllowed: "Your single sign-on account has no access to Warden. Ask an admin to add you.",
  OAuthSignin: "Could not reach the single sign-on provider.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  AccessDenied: "Access denied.",
};

/** Only same-site paths, so the sign-in page cannot be used to send people elsewhere. */
function safeCallback(url: string | undefined): string {
  // Browsers read "/\\host" like "//host", so a backslash anywhere is refused too.
  return url && url.startsWith("/") && !url.startsWith("//") && !url.includes("\\") ? url : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallback(callbackUrl);
  if (await getSessionActor()) redirect(target);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Warden</h1>
        <p className="mt-1 text-sm text-slate-600">AI governance console</p>
        {error && (
          <p role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm text-rose-800">
            {ERROR_MESSAGES[error] ?? error}
          </p>
        )}
        <SignInForm callbackUrl={target} sso={oidcConfigured() ? { name: env().OIDC_NAME } : null} />
      </div>
    </main>
  );
}
