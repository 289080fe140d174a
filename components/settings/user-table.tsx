"use client";

import { Fragment, useState } from "react";
import { Cell, DataTable, DisclosureButton, hiddenHeader } from "@/components/data-table";
import { Badge, formatDate } from "@/components/ui";
import type { UserListRow } from "@/lib/users/list-users";
import { UserManagePanel } from "./user-manage-panel";

const HEADERS = ["User", "Role", "Team", "Status", "Last sign-in", "Signs in with", hiddenHeader("Manage")];

export function UserTable({ users, currentUserId, minPasswordLength }: { users: UserListRow[]; currentUserId: string; minPasswordLength: number }) {
  // One panel open at a time, so its labelled fields ("New role", "New password") are unique on the page.
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <DataTable caption="Users" headers={HEADERS}>
      {users.map((user) => {
        const open = openId === user.id;
        return (
          <Fragment key={user.id}>
            <tr data-testid={`user-row-${user.email}`} className={user.active ? "" : "text-slate-500"}>
              <Cell>
                <div className="font-medium text-slate-900">{user.name}</div>
                <div className="text-slate-600">{user.email}</div>
              </Cell>
              <Cell>{user.role}</Cell>
              <Cell>{user.team ?? "—"}</Cell>
              <Cell>
                <div className="flex flex-wrap gap-1">
                  {user.active ? <Badge tone="good">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}
                  {user.lockedUntil && <Badge tone="bad">Locked until {formatDate(user.lockedUntil)}</Badge>}
                  {!user.lockedUntil && user.failedLoginCount > 0 && (
                    <Badge tone="warn">
                      {user.failedLoginCount} failed sign-in{user.failedLoginCount === 1 ? "" : "s"}
                    </Badge>
                  )}
                </div>
              </Cell>
              <Cell>{formatDate(user.lastLoginAt)}</Cell>
              <Cell>
                <div className="flex flex-wrap gap-1">
                  {user.local && <Badge>Local password</Badge>}
                  {user.ssoLinked && <Badge tone="info">SSO-linked</Badge>}
                  {!user.local && !user.ssoLinked && <span className="text-slate-500">None yet</span>}
                </div>
              </Cell>
              <Cell className="text-right">
                <DisclosureButton
                  expanded={open}
                  controls={`manage-${user.id}`}
                  onToggle={() => setOpenId(open ? null : user.id)}
                  label={{ open: "Close", closed: "Manage" }}
                  subject={user.email}
                />
              </Cell>
            </tr>
            {open && (
              <tr id={`manage-${user.id}`}>
                <td colSpan={HEADERS.length} className="bg-slate-50 px-3 py-4">
                  <UserManagePanel user={user} isSelf={user.id === currentUserId} minPasswordLength={minPasswordLength} />
                </td>
              </tr>
            )}
          </Fragment>
        );
      })}
    </DataTable>
  );
}
