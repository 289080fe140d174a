import { generateKeyPairSync } from "node:crypto";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { OIDC } from "./config";

// A real OpenID Connect provider for the end-to-end tests (oidc-provider, the certified
// implementation), so single sign-on is tested against the protocol rather than a mock. Its
// development login form accepts any login and password; the login becomes the account, and a
// login that looks like an email address is that person's email.

/** The claims an identity provider would hold for the person who typed `login`. */
function claimsFor(login: string) {
  const email = login.includes("@") ? login.toLowerCase() : `${login.toLowerCase()}@idp.example`;
  const localPart = email.split("@")[0]!;
  const name = localPart
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(" ");
  return { sub: login, email, email_verified: true, name };
}

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const configuration: Configuration = {
  clients: [
    {
      client_id: OIDC.clientId,
      client_secret: OIDC.clientSecret,
      redirect_uris: [OIDC.redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // The login form of devInteractions types the accountId; every login is a valid account.
  async findAccount(_ctx, id) {
    return { accountId: id, claims: async () => claimsFor(id) };
  },
  features: { devInteractions: { enabled: true } },
  // Warden is a first-party application here: consent is implied, as at a company's own IdP.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const accountId = ctx.oidc.session?.accountId;
    if (!accountId || !ctx.oidc.client) return undefined;
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ accountId, clientId: ctx.oidc.client.clientId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
  jwks: { keys: [{ ...(privateKey.export({ format: "jwk" }) as Record<string, string>), kid: "warden-e2e", use: "sig", alg: "RS256" }] },
  cookies: { keys: ["warden-e2e-oidc-cookie-key"] },
  // Short lifetimes, set explicitly (the library asks for it): a test run lasts minutes.
  ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
};

const provider = new Provider(OIDC.issuer, configuration);
const { port, hostname } = new URL(OIDC.issuer);
provider.listen(Number(port), hostname, () => {
  console.log(`test OpenID provider at ${OIDC.issuer}`);
});
