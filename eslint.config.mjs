import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  // .next-*/ and .warden-data-*/ are side-by-side builds and data folders (e2e, helpers' dev servers).
  { ignores: [".next/**", ".next-*/**", "lib/generated/**", "node_modules/**", ".warden-data/**", ".warden-data-*/**", "test-results/**", "playwright-report/**", "e2e/.auth/**", "next-env.d.ts"] },
];

export default config;
