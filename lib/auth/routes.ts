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
  "/audit": { permission: "audit:read", kind: "page" },
  "/settings": { permission: "settings:read", kind: "page" },
  "/settings/tokens": { permission: "token:manage", kind: "page" },
  "/settings/users": { permission: "user:manage", kind: "page" },
} as const satisfies Record<string, { permission: Permission | "public"; kind: "page" | "api" }>;

export type RoutePattern = keyof typeof ROUTES;
export type PageRoute = { [K in RoutePattern]: (typeof ROUTES)[K]["kind"] extends "page" ? K : never }[RoutePattern];
export type ApiRoute = { [K in RoutePattern]: (typeof ROUTES)[K]["kind"] extends "api" ? K : never }[RoutePattern];
