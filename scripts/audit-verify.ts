import { verifyAuditChain } from "@/lib/audit/verify";
import { prisma } from "@/lib/db/client";
import { withDatabase } from "./cli";

// npm run audit:verify — recomputes the audit trail's hash chain; exits 1 when it is broken.
const report = await withDatabase(() => verifyAuditChain(prisma()));
if (report.intact) {
  console.log(`Audit chain intact: ${report.checked} event(s) verified.`);
} else {
  console.error(`Audit chain BROKEN at event #${report.brokenAt!.seq}: ${report.brokenAt!.reason} (${report.checked} event(s) verified before it).`);
  process.exitCode = 1;
}
