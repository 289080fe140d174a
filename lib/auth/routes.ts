import type { Permission } from "./permissions";

// Every page and route handler in app/, with the permission it needs. Pages and handlers look
// themselves up here (guardPage / defineRoute); lib/auth/routes.test.ts fails when a file in app/
// is missing from this table or does not guard itself with its own entry.
export const ROUTES = {
  // Public: signing in, next-auth's own endpoints, the load balancer's health check.
  "/signin": { permission: "public", kind: "page" },
  "/api/auth/[...nextauth]": { permission: "public", kind: "api" },
  "/api/health": { permission: "public", kind: "api" },

  "/": { permission: "overview:read", kind: "page" },

  // Inventory: workflows, connectors, credentials and the org-wide view.
  "/inventory": { permission: "inventory:read", kind: "page" },
  "/api/inventory": { permission: "inventory:read", kind: "api" },
  "/api/inventory/export": { permission: "inventory:export", kind: "api" },
  "/workflows": { permission: "inventory:read", kind: "page" },
  "/workflows/new": { permission: "workflow:write", kind: "page" },
  "/workflows/[id]": { permission: "inventory:read", kind: "page" },
  "/workflows/[id]/edit": { permission: "workflow:write", kind: "page" },
  "/connectors": { permission: "inventory:read", kind: "page" },
  "/connectors/new": { permission: "connector:write", kind: "page" },
  "/connectors/[id]": { permission: "inventory:read", kind: "page" },
  "/connectors/[id]/edit": { permission: "connector:write", kind: "page" },
  "/credentials": { permission: "inventory:read", kind: "page" },
  "/credentials/new": { permission: "credential:write", kind: "page" },
  "/credentials/[id]": { permission: "inventory:read", kind: "page" },
  "/credentials/[id]/edit": { permission: "credential:write", kind: "page" },

  // Delegated permissions, approvals, least-privilege findings, notifications.
  "/grants": { permission: "inventory:read", kind: "page" },
  "/grants/new": { permission: "grant:request", kind: "page" },
  "/grants/[id]": { permission: "inventory:read", kind: "page" },
  "/approvals": { permission: "grant:decide", kind: "page" },
  "/findings": { permission: "findings:read", kind: "page" },
  "/notifications": { permission: "notification:read", kind: "page" },

  // Access-review campaigns over delegated permissions, and their evidence for auditors.
  "/reviews": { permission: "review:read", kind: "page" },
  "/reviews/new": { permission: "review:manage", kind: "page" },
  "/reviews/[id]": { permission: "review:read", kind: "page" },
  "/api/reviews/[id]/evidence": { permission: "review:read", kind: "api" },

  // Ingestion: gateways send logs (API tokens), people upload exports; health, quarantine, shadow AI.
  "/api/ingest/litellm": { permission: "interactions:ingest", kind: "api" },
  "/api/ingest/portkey": { permission: "interactions:ingest", kind: "api" },
  "/api/ingest/generic": { permission: "interactions:ingest", kind: "api" },
  "/api/otlp/v1/traces": { permission: "interactions:ingest", kind: "api" },
  "/api/ingest/upload": { permission: "interactions:upload", kind: "api" },
  "/ingest": { permission: "ingest:read", kind: "page" },
  "/ingest/quarantine": { permission: "ingest:read", kind: "page" },
  "/ingest/quarantine/[id]": { permission: "ingest:read", kind: "page" },
  "/shadow-ai": { permission: "inventory:read", kind: "page" },

  // Triage of flagged interactions and the risk dashboard.
  "/interactions": { permission: "triage:read", kind: "page" },
  "/interactions/[id]": { permission: "triage:read", kind: "page" },
  "/api/interactions/export": { permission: "triage:export", kind: "api" },
  "/risk": { permission: "triage:read", kind: "page" },

  // Evidence and administration.
  "/audit": { permission: "audit:read", kind: "page" },
  "/api/audit/events": { permission: "audit:read", kind: "api" },
  "/settings": { permission: "settings:read", kind: "page" },
  "/settings/tokens": { permission: "token:manage", kind: "page" },
  "/settings/users": { permission: "user:manage", kind: "page" },
} as const satisfies Record<string, { permission: Permission | "public"; kind: "page" | "api" }>;

export type RoutePattern = keyof typeof ROUTES;
export type PageRoute = { [K in RoutePattern]: (typeof ROUTES)[K]["kind"] extends "page" ? K : never }[RoutePattern];
export type ApiRoute = { [K in RoutePattern]: (typeof ROUTES)[K]["kind"] extends "api" ? K : never }[RoutePattern];
/** API routes that need a caller: the ones defineRoute serves (public handlers are plain functions). */
export type GuardedApiRoute = { [K in ApiRoute]: (typeof ROUTES)[K]["permission"] extends "public" ? never : K }[ApiRoute];
