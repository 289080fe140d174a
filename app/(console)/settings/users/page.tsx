import type { Metadata } from "next";
import Link from "next/link";
import { CreateUserForm } from "@/components/settings/create-user-form";
import { UserTable } from "@/components/settings/user-table";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { listTeams } from "@/lib/users/list-teams";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await guardPage("/settings/users");
  const [users, teams] = await Promise.all([listUsers(), listTeams()]);
  const active = users.filter((user) => user.active).length;
  return (
    <>
      <PageHeader
        title="Users"
        description={`${active} active of ${users.length} accounts. Roles take effect on the person's next request; every change here is written to the audit trail.`}
        actions={
          <Link href="/settings" className="text-sm font-medium text-indigo-700 hover:underline">
            Back to settings
          </Link>
        }
      />
      <Card title="Add a user" className="mb-6">
        <CreateUserForm teams={teams} minPasswordLength={MIN_PASSWORD_LENGTH} />
      </Card>
      <Card title="Accounts">
        <UserTable users={users} currentUserId={actor.type === "user" ? actor.id : ""} minPasswordLength={MIN_PASSWORD_LENGTH} />
      </Card>
    </>
  );
}
