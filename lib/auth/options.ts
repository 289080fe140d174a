import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db/client";
import { env, oidcConfigured } from "@/lib/env";
import { LOGIN_MESSAGES, loginWithPassword } from "./local-login";
import { resolveOidcUser } from "./oidc";

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
}

function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  const issuer = e.OIDC_ISSUER!.replace(/\/$/, "");
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    // The ID token is verified and says who signed in; but with the authorization-code flow a
    // provider may return email and name only from its userinfo endpoint (OIDC Core 5.4), and
    // without the email an existing account cannot be matched. Read both; the ID token wins.
    userinfo: {
      async request({ client, tokens }) {
        // next-auth passes openid-client's TokenSet here (typed as its plain fields).
        const tokenSet = tokens as unknown as Exclude<Parameters<typeof client.userinfo>[0], string>;
        return { ...(await client.userinfo(tokenSet)), ...tokenSet.claims() } as OidcProfile;
      },
    },
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? null };
    },
  };
}

/** next-auth configuration: local accounts always, single sign-on when OIDC_* are set. */
export function authOptions(): AuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const result = await loginWithPassword(credentials?.email ?? "", credentials?.password ?? "");
          if (!result.ok) throw new Error(LOGIN_MESSAGES[result.reason]);
          return { id: result.userId };
        },
      }),
      ...(oidcConfigured() ? [oidcProvider()] : []),
    ],
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== "oidc") return true;
        const p = profile as OidcProfile | undefined;
        const userId = await resolveOidcUser({
          subject: account.providerAccountId,
          email: p?.email ?? user.email ?? null,
          name: p?.name ?? user.name ?? null,
        });
        return userId ? true : "/signin?error=SsoNotAllowed";
      },
      async jwt({ token, user, account }) {
        // The token carries only the Warden user id; role and active state are read from the
        // database on every request (lib/auth/session.ts), so changes apply at once.
        if (account?.provider === "oidc") {
          const linked = await db.user.findUnique({ where: { oidcSubject: account.providerAccountId }, select: { id: true } });
          if (linked) token.uid = linked.id;
        } else if (user) {
          token.uid = user.id;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: typeof token.uid === "string" ? token.uid : null };
      },
    },
  };
}
