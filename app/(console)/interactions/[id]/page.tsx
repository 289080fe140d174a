import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Cell, DataTable } from "@/components/data-table";
import { StatusBadge } from "@/components/inventory/badges";
import { groupKind, SeverityBadge, TriageStatusBadge } from "@/components/triage/badges";
import { ChecksTable } from "@/components/triage/checks-table";
import { FindingNote, HighlightedText, type NumberedFinding } from "@/components/triage/highlighted-text";
import { AssignForm, CommentForm, StatusForm } from "@/components/triage/triage-actions";
import { TriageHistory } from "@/components/triage/triage-history";
import { Badge, Card, Facts, formatDate, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { fieldName, parseField } from "@/lib/triage/fields";
import { getInteraction, type FindingView, type InteractionDetail } from "@/lib/triage/get-interaction";
import { categoryLabel } from "@/lib/triage/labels";
import { parseQueueFilters, queueHref } from "@/lib/triage/queue-filters";
import { listAssignees } from "@/lib/triage/update-items";

export const metadata: Metadata = { title: "Interaction" };

const VERDICT_TONES = { allowed: "good", flagged: "warn", blocked: "bad" } as const;

/** The findings on one field, in page order. */
function findingsOn(findings: NumberedFinding[], field: string): NumberedFinding[] {
  return findings.filter((f) => {
    const ref = parseField(f.field);
    return ref !== null && fieldName(ref) === field;
  });
}

/** Whether "What was said" shows this finding next to its text (or its tool call). */
function shownBesideText(detail: InteractionDetail, finding: FindingView): boolean {
  const ref = parseField(finding.field);
  const texts = detail.texts;
  if (!ref || !texts) return false;
  switch (ref.kind) {
    case "message":
      return ref.index < texts.messages.length;
    case "output":
      return texts.output !== null;
    case "toolCall":
      return ref.index < detail.toolCalls.length;
    case "toolArguments":
      return ref.index < detail.toolCalls.length && texts.toolIo[ref.index] !== undefined;
    case "toolResult":
      return ref.index < detail.toolCalls.length && texts.toolIo[ref.index]?.result != null;
  }
}

function GrantLine({ finding }: { finding: FindingView }) {
  return (
    <p className="text-sm">
      {finding.connector && (
        <>
          Connector{" "}
          <Link href={`/connectors/${finding.connector.id}`} className="text-indigo-700 hover:underline">
            {finding.connector.name}
          </Link>
          {" · "}
        </>
      )}
      {finding.grant ? (
        <>
          ran under{" "}
          <Link href={`/grants/${finding.grant.id}`} className="font-medium text-indigo-700 hover:underline">
            a grant
          </Link>{" "}
          ({finding.grant.status}, {finding.grant.mode}
          {finding.grant.expiresAt ? `, expires ${formatDate(finding.grant.expiresAt)}` : ""}; actions {finding.grant.actions.join(", ") || "none"})
        </>
      ) : (
        <strong className="text-rose-700">no grant: the workflow holds none for this call</strong>
      )}
    </p>
  );
}

function Texts({ detail, findings }: { detail: InteractionDetail; findings: NumberedFinding[] }) {
  if (!detail.texts) {
    return (
      <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {detail.textGone === "purged"
          ? `The prompt, response and tool input and output are no longer stored: raw text is kept for ${env().TEXT_RETENTION_DAYS} days, the metadata, checks and findings below for longer.`
          : "No text was stored for this interaction (it arrived after its text retention period, or the gateway sent none). The metadata, checks and findings below are complete."}
      </p>
    );
  }
  const { messages, output, toolIo } = detail.texts;
  return (
    <div className="space-y-5">
      {messages.map((message, index) => (
        <HighlightedText key={`m${index}`} label={`${message.role} message ${index + 1}`} text={message.content} findings={findingsOn(findings, `messages[${index}].content`)} />
      ))}
      {output !== null && <HighlightedText label="Response" text={output} findings={findingsOn(findings, "output")} />}
      {detail.toolCalls.map((call, index) => {
        const io = toolIo[index];
        const aboutCall = findingsOn(findings, `toolCalls[${index}]`);
        return (
          <section key={`t${index}`} aria-label={`Tool call ${index + 1}: ${call.name}`} className="space-y-3 rounded-lg border border-slate-200 p-3">
            <h3 className="text-sm font-semibold text-slate-800">
              Tool call {index + 1}: <code className="font-mono">{call.name}</code>
              <span className="ml-2 font-normal text-slate-500">
                {[call.connector, call.action, call.resource].filter(Boolean).join(" · ")}
                {call.inHistory ? " (earlier in the conversation)" : ""}
              </span>
            </h3>
            {aboutCall.length > 0 && (
              <ol className="space-y-2" aria-label={`Findings about tool call ${index + 1}`}>
                {aboutCall.map((f) => (
                  <FindingNote key={f.id} finding={f}>
                    {f.agency && <GrantLine finding={f} />}
                  </FindingNote>
                ))}
              </ol>
            )}
            {io && <HighlightedText label="Arguments" text={io.arguments} findings={findingsOn(findings, `toolCalls[${index}].arguments`)} />}
            {io?.result != null && <HighlightedText label="Result" text={io.result} findings={findingsOn(findings, `toolCalls[${index}].result`)} />}
          </section>
        );
      })}
    </div>
  );
}

/** The queue view the analyst came from (the queue's links carry it as ?from=…), when it is a valid one; else the default queue. */
function backToQueue(from: string | string[] | undefined): string {
  if (typeof from !== "string") return "/interactions";
  const parsed = parseQueueFilters(new URLSearchParams(from));
  return parsed.success ? queueHref(parsed.data) : "/interactions";
}

export default async function InteractionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await guardPage("/interactions/[id]");
  const detail = await getInteraction((await params).id);
  if (!detail) notFound();
  const canWrite = can(actor, "triage:write");
  const people = canWrite && detail.triage ? await listAssignees() : [];
  const findings: NumberedFinding[] = detail.findings.map((f, index) => ({ ...f, number: index + 1 }));
  const elsewhere = findings.filter((f) => !shownBesideText(detail, f));
  const agencyFindings = findings.filter((f) => f.agency);
  const owner = detail.workflow?.owner ?? null;

  return (
    <>
      <PageHeader
        title={detail.categories.length ? detail.categories.map(categoryLabel).join(", ") : "Interaction"}
        description={`${formatDate(detail.occurredAt)} · ${detail.source}${detail.model ? ` · ${detail.model}` : ""} · interaction ${detail.id}`}
        actions={
          <Link href={backToQueue((await searchParams).from)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            Back to the queue
          </Link>
        }
      />

      <div className="grid gap-6 xl:grid-cols-3">
        <Card title="Who is accountable">
          <Facts
            items={[
              [
                "Workflow",
                detail.workflow ? (
                  <span key="w">
                    <Link href={`/workflows/${detail.workflow.id}`} className="font-medium text-indigo-700 hover:underline">
                      {detail.workflow.name}
                    </Link>{" "}
                    <StatusBadge status={detail.workflow.status} />
                  </span>
                ) : (
                  <span key="w" className="text-rose-700">
                    Unregistered AI usage{detail.identityKey ? ` (${detail.identityKey})` : ""}.{" "}
                    <Link href="/shadow-ai" className="text-indigo-700 hover:underline">
                      Register it
                    </Link>
                  </span>
                ),
              ],
              [
                "Accountable owner",
                owner ? (
                  <span key="o">
                    <Link href={`/inventory?owner=${owner.id}`} className="font-medium text-indigo-700 hover:underline" data-testid="owner-link">
                      {owner.name}
                    </Link>{" "}
                    <a href={`mailto:${owner.email}`} className="text-xs text-slate-500 hover:underline">
                      {owner.email}
                    </a>
                    {!owner.active && <Badge tone="bad">deactivated</Badge>}
                  </span>
                ) : detail.workflow ? (
                  <span key="o" className="text-rose-700">
                    Nobody: the workflow has no owner
                  </span>
                ) : (
                  "—"
                ),
              ],
              ["Team", detail.workflow?.team?.name ?? "—"],
              [
                "Grants used",
                agencyFindings.length === 0 ? (
                  detail.toolCalls.length ? "No tool call was flagged" : "No tool calls"
                ) : (
                  <div key="g" className="space-y-1">
                    {agencyFindings.map((f) => (
                      <GrantLine key={f.id} finding={f} />
                    ))}
                  </div>
                ),
              ],
            ]}
          />
        </Card>

        <Card title="Interaction">
          <Facts
            items={[
              ["Verdict", <Badge key="v" tone={VERDICT_TONES[detail.verdict]}>{detail.verdict}</Badge>],
              ["Severity", detail.severity ? <SeverityBadge key="s" severity={detail.severity} /> : "—"],
              ["Source", detail.source],
              ["Model", [detail.provider, detail.model].filter(Boolean).join(" / ") || "—"],
              ["Caller", detail.identityKey ?? "—"],
              ["End user", detail.endUser ?? "—"],
              ["Tokens", detail.tokensIn === null && detail.tokensOut === null ? "—" : `${detail.tokensIn ?? "?"} in, ${detail.tokensOut ?? "?"} out`],
              ["Latency", detail.latencyMs === null ? "—" : `${Math.round(detail.latencyMs)} ms`],
              ["Received", formatDate(detail.ingestedAt)],
              ...(detail.truncatedFields.length ? [["Truncated", detail.truncatedFields.join(", ")] as [string, string]] : []),
            ]}
          />
        </Card>

        <Card title="Triage">
          {detail.triage ? (
            <div className="space-y-4">
              <Facts
                items={[
                  ["Status", <TriageStatusBadge key="s" status={detail.triage.status} />],
                  ["Assignee", detail.triage.assignee?.name ?? "Unassigned"],
                  ["First triaged", formatDate(detail.triage.triagedAt)],
                ]}
              />
              {canWrite ? (
                <>
                  <StatusForm interactionId={detail.id} status={detail.triage.status} />
                  <AssignForm interactionId={detail.id} assigneeId={detail.triage.assignee?.id ?? null} people={people} me={actor.type === "user" ? actor.id : null} />
                </>
              ) : (
                <p className="text-sm text-slate-500">Your role can read the queue but not change it.</p>
              )}
            </div>
          ) : (
            <p className="text-sm text-slate-600">Not flagged: nothing to triage. It is shown here as part of its conversation.</p>
          )}
        </Card>
      </div>

      <Card title="What was said" className="mt-6">
        <Texts detail={detail} findings={findings} />
      </Card>

      {elsewhere.length > 0 && (
        <Card title={detail.texts ? "Findings about the interaction as a whole" : "Findings"} className="mt-6">
          <ol className="grid gap-2 md:grid-cols-2">
            {elsewhere.map((f) => (
              <FindingNote key={f.id} finding={f}>
                {f.field && <p className="mt-1 text-xs text-slate-500">In {f.field}</p>}
                {f.agency && <GrantLine finding={f} />}
              </FindingNote>
            ))}
          </ol>
        </Card>
      )}

      <Card title="Checks that ran" className="mt-6">
        <ChecksTable checks={detail.checks} />
      </Card>

      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Card title="The rest of the conversation">
          {detail.conversation.length === 0 ? (
            <p className="text-sm text-slate-500">{detail.conversationId ? "No other turns of this conversation within a week either side." : "The gateway named no conversation."}</p>
          ) : (
            <DataTable caption="Other turns of this conversation" headers={["Turn", "Verdict", "Triage"]}>
              {detail.conversation.map((turn) => (
                <tr key={turn.id}>
                  <Cell>
                    <Link href={`/interactions/${turn.id}`} className="text-indigo-700 hover:underline">
                      {formatDate(turn.occurredAt)}
                      {turn.occurredAt < detail.occurredAt ? " (before)" : " (after)"}
                    </Link>
                  </Cell>
                  <Cell>
                    <Badge tone={VERDICT_TONES[turn.verdict]}>{turn.verdict}</Badge> {turn.severity && <SeverityBadge severity={turn.severity} />}
                  </Cell>
                  <Cell>{turn.status ? <TriageStatusBadge status={turn.status} /> : "—"}</Cell>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>

        <Card title="Related interactions">
          {!detail.triage || detail.relatedTotal === 0 ? (
            <p className="text-sm text-slate-500">None: this interaction is a group of its own.</p>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-600">
                {detail.relatedTotal} more in this group ({groupKind(detail.triage.groupKey)}).{" "}
                <Link href={queueHref({ group: detail.triage.groupKey, view: "all", status: "all" })} className="font-medium text-indigo-700 hover:underline">
                  Open the group in the queue
                </Link>
              </p>
              <DataTable caption="Related interactions" headers={["When", "Severity", "Status", "Workflow"]}>
                {detail.related.map((r) => (
                  <tr key={r.id}>
                    <Cell>
                      <Link href={`/interactions/${r.id}`} className="text-indigo-700 hover:underline">
                        {formatDate(r.occurredAt)}
                      </Link>
                    </Cell>
                    <Cell>
                      <SeverityBadge severity={r.severity} />
                    </Cell>
                    <Cell>
                      <TriageStatusBadge status={r.status} />
                    </Cell>
                    <Cell>{r.workflowName ?? "Unregistered"}</Cell>
                  </tr>
                ))}
              </DataTable>
            </>
          )}
        </Card>
      </div>

      {detail.triage && (
        <Card title="History" className="mt-6">
          <div className="grid gap-6 lg:grid-cols-2">
            <TriageHistory entries={detail.history} />
            {canWrite && <CommentForm interactionId={detail.id} />}
          </div>
        </Card>
      )}
    </>
  );
}
