import Link from "next/link";
import { can, type Actor } from "@/lib/auth/actor";
import { ROUTES } from "@/lib/auth/routes";
import { NAV_ITEMS } from "@/lib/nav";

export function Sidebar({ actor }: { actor: Actor }) {
  const visible = NAV_ITEMS.filter((item) => {
    const permission = ROUTES[item.href].permission;
    return permission !== "public" && can(actor, permission);
  });
  const sections = [...new Set(visible.map((i) => i.section))];
  return (
    <nav aria-label="Main" className="w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-5">
      <Link href="/" className="mb-6 block px-2 text-lg font-semibold tracking-tight text-indigo-700">
        Warden
      </Link>
      {sections.map((section) => (
        <div key={section} className="mb-5">
          <p className="px-2 text-xs font-semibold uppercase tracking-wide text-slate-400">{section}</p>
          <ul className="mt-1 space-y-0.5">
            {visible
              .filter((i) => i.section === section)
              .map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="block rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
