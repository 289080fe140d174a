import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { AuditChainStatus, AuditChainStatusPending } from "@/components/settings/audit-chain-status";
import { RetentionCard } from "@/components/settings/retention-card";
import { Badge, Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { getSecuritySettings } from "@/lib/settings/security-settings";

export const metadata: Metadata = { title: "Settings" };

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-4 py-2 text-sm">
      <dt className="text-slate-500">{term}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}

export default async function SettingsPage() {
  const actor = await guardPage("/settings");
  const settings = await getSecuritySettings();
  const manageUsers = can(actor, "user:manage");
  const manageTokens = can(actor, "token:manage");
  return (
    <>
      <PageHeader
        title="Settings"
        description="How this Warden is configured, and whether its evidence can be trusted. Configuration is set through environment variables at start-up; it is shown here, not edited."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Audit trail integrity" className="lg:col-span-2">
          <Suspense fallback={<AuditChainStatusPending />}>
            <AuditChainStatus />
          </Suspense>
        </Card>

        <Card title="Sign-in">
          <dl className="divide-y divide-slate-100">
            <Fact term="Email and password">
              <Badge tone="good">Enabled</Badge> <span className="text-slate-600">argon2id password hashes</span>
            </Fact>
            <Fact term="Single sign-on (OIDC)">
              {settings.signIn.sso ? (
                <div className="space-y-1">
                  <Badge tone="good">Enabled</Badge> <span>{settings.signIn.sso.name}</span>
                  <p className="break-all font-mono text-xs text-slate-600">Issuer: {settings.signIn.sso.issuer}</p>
                </div>
              ) : (
                <>
                  <Badge>Not configured</Badge> <span className="text-slate-600">set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET</span>
                </>
              )}
            </Fact>
            {settings.signIn.sso && (
              <Fact term="New SSO users">
                {settings.signIn.sso.autoProvisionRole
                  ? `Anyone the identity provider signs in gets an account with the ${settings.signIn.sso.autoProvisionRole} role.`
                  : "Only people an admin has already added (matched by email) may sign in."}
              </Fact>
            )}
          </dl>
        </Card>

        <Card title="Account lockout">
          <dl className="divide-y divide-slate-100">
            <Fact term="Wrong passwords allowed">{settings.lockout.maxFailures} in a row</Fact>
            <Fact term="Then locked for">{settings.lockout.lockoutMinutes} minutes</Fact>
            <Fact term="While locked">Every password is refused, the right one too. An admin can unlock the account early.</Fact>
          </dl>
        </Card>

        <Card title="Grants">
          <dl className="divide-y divide-slate-100">
            <Fact term="Default duration">{settings.grants.defaultDays} days</Fact>
            <Fact term="Longest allowed">{settings.grants.maxDays} days</Fact>
          </dl>
        </Card>

        <RetentionCard />

        <Card title="Database">
          <dl className="divide-y divide-slate-100">
            <Fact term="Engine">
              {settings.database.engine === "embedded" ? (
                <>
                  Embedded PostgreSQL <span className="text-slate-600">in the data folder, for evaluation and small teams</span>
                </>
              ) : (
                "PostgreSQL server"
              )}
            </Fact>
            <Fact term="Version">{settings.database.version}</Fact>
            <Fact term="Audit trail">Append-only: the database refuses updates, deletes and truncation.</Fact>
          </dl>
        </Card>

        {(manageUsers || manageTokens) && (
          <Card title="Administration" className="lg:col-span-2">
            <ul className="grid gap-4 md:grid-cols-2">
              {manageUsers && (
                <li>
                  <Link href="/settings/users" className="font-medium text-indigo-700 hover:underline">
                    Users
                  </Link>
                  <p className="text-sm text-slate-600">Add people, change roles, deactivate, unlock and reset passwords.</p>
                </li>
              )}
              {manageTokens && (
                <li>
                  <Link href="/settings/tokens" className="font-medium text-indigo-700 hover:underline">
                    API tokens
                  </Link>
                  <p className="text-sm text-slate-600">Create and revoke the tokens gateways and automation use to call Warden.</p>
                </li>
              )}
            </ul>
          </Card>
        )}
      </div>
    </>
  );
}
