import type { PageRoute } from "@/lib/auth/routes";

// The sidebar. Each entry appears only to roles whose permission (from ROUTES) allows the page,
// so the navigation never offers a door that would be refused.
export const NAV_ITEMS: { href: PageRoute; label: string; section: "Govern" | "Evidence" | "Admin" }[] = [
  { href: "/", label: "Overview", section: "Govern" },
  { href: "/inventory", label: "Inventory", section: "Govern" },
  { href: "/workflows", label: "Workflows", section: "Govern" },
  { href: "/shadow-ai", label: "Unregistered AI", section: "Govern" },
  { href: "/connectors", label: "Connectors", section: "Govern" },
  { href: "/credentials", label: "Credentials", section: "Govern" },
  { href: "/grants", label: "Grants", section: "Govern" },
  { href: "/approvals", label: "Approvals", section: "Govern" },
  { href: "/findings", label: "Findings", section: "Govern" },
  { href: "/interactions", label: "Interactions", section: "Govern" },
  { href: "/reviews", label: "Access reviews", section: "Govern" },
  { href: "/risk", label: "Risk", section: "Govern" },
  { href: "/audit", label: "Audit trail", section: "Evidence" },
  { href: "/ingest", label: "Ingestion", section: "Admin" },
  { href: "/settings", label: "Settings", section: "Admin" },
];
