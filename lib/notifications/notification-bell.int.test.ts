import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { db } from "@/lib/db/client";
import { createTestUser } from "@/lib/testing/factories";
import { notifyUsers } from "./notify";

describe("the notification bell", () => {
  it("shows the signed-in person's unread count, and no count when all are read", async () => {
    const person = await createTestUser("owner");
    const someoneElse = await createTestUser("owner");
    await db.$transaction(async (tx) => {
      for (const key of ["a", "b", "c"]) await notifyUsers(tx, [person.id], { kind: "test", title: key, href: "/", dedupeKey: key });
      await notifyUsers(tx, [someoneElse.id], { kind: "test", title: "theirs", href: "/", dedupeKey: "theirs" });
    });
    const html = renderToStaticMarkup(await NotificationBell({ actor: person }));
    expect(html).toContain('href="/notifications"');
    expect(html).toContain('aria-label="Notifications, 3 unread"');
    expect(html).toMatch(/data-testid="notification-count"[^>]*>3</);

    await db.notification.updateMany({ where: { userId: person.id }, data: { readAt: new Date() } });
    const quiet = renderToStaticMarkup(await NotificationBell({ actor: person }));
    expect(quiet).toContain("Notifications, none unread");
    expect(quiet).not.toContain("notification-count");
  });
});
