import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { createApprovedGrant, createTestConnector, createTestWorkflow, inDays } from "@/lib/testing/inventory-fixtures";
import { createTestUser, testRequestId } from "@/lib/testing/factories";
import { countUnreadNotifications, listNotifications } from "./list-notifications";
import { markNotificationsRead } from "./mark-read";
import { notifyUsers } from "./notify";
import { refreshExpiringNotifications } from "./refresh-expiring";

describe("notifications", () => {
  it("are deduplicated per person and cause", async () => {
    const person = await createTestUser("owner");
    const content = { kind: "test", title: "Something happened", href: "/", dedupeKey: `test:${person.id}` };
    expect(await db.$transaction((tx) => notifyUsers(tx, [person.id, person.id], content))).toBe(1);
    expect(await db.$transaction((tx) => notifyUsers(tx, [person.id], content))).toBe(0);
    expect(await db.notification.count({ where: { userId: person.id } })).toBe(1);
  });

  it("warn the owner about grants expiring within 14 days, once however often they are refreshed", async () => {
    const owner = await createTestUser("owner");
    const workflow = await createTestWorkflow({ ownerId: owner.id });
    const connector = await createTestConnector();
    const soon = await createApprovedGrant(workflow.id, connector.id, { expiresAt: inDays(3) });
    const later = await createApprovedGrant(workflow.id, connector.id, { expiresAt: inDays(20) });

    await refreshExpiringNotifications();
    await refreshExpiringNotifications();
    const notes = await db.notification.findMany({ where: { userId: owner.id } });
    expect(notes).toMatchObject([{ kind: "grant.expiring", href: `/grants/${soon.id}`, dedupeKey: `grant-expiring:${soon.id}` }]);
    expect(notes.some((n) => n.href.endsWith(later.id))).toBe(false);

    // Loading the list refreshes too, and counts what is unread.
    const listed = await listNotifications(owner);
    expect(listed).toMatchObject({ unread: 1, rows: [{ id: notes[0]!.id, readAt: null }] });
  });

  it("are marked read by their recipient only, and the change is audited", async () => {
    const person = await createTestUser("analyst");
    const other = await createTestUser("analyst");
    await db.$transaction(async (tx) => {
      await notifyUsers(tx, [person.id], { kind: "test", title: "One", href: "/", dedupeKey: "one" });
      await notifyUsers(tx, [person.id], { kind: "test", title: "Two", href: "/", dedupeKey: "two" });
    });
    const [first] = await db.notification.findMany({ where: { userId: person.id }, orderBy: { title: "asc" } });

    const stolen = await markNotificationsRead(other, { notificationId: first!.id }, testRequestId()).catch((e: unknown) => e);
    expect(stolen).toBeInstanceOf(NotFoundError);

    expect(await markNotificationsRead(person, { notificationId: first!.id }, testRequestId())).toEqual({ marked: 1 });
    expect(await markNotificationsRead(person, { notificationId: first!.id }, testRequestId())).toEqual({ marked: 0 });
    expect(await countUnreadNotifications(person)).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "notification.read", targetId: first!.id, actorId: person.id } })).toBe(1);

    expect(await markNotificationsRead(person, {}, testRequestId())).toEqual({ marked: 1 });
    expect(await countUnreadNotifications(person)).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "notification.read", targetType: "user", targetId: person.id } })).toBe(1);
  });
});
