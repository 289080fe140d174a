import { z } from "zod";

// The contract of a campaign: what it covers, who reviews, when, and what happens on close.

export const ENVIRONMENTS = ["production", "staging", "development"] as const;
export const SENSITIVITIES = ["low", "medium", "high", "critical"] as const;
export const CLOSE_DEFAULTS = ["keep", "revoke", "recommendation"] as const;
export const CLOSE_DEFAULT_LABELS: Record<(typeof CLOSE_DEFAULTS)[number], string> = {
  keep: "Keep undecided grants",
  revoke: "Revoke undecided grants",
  recommendation: "Follow the recommendation (keep when there is none)",
};
export const RECURRENCES = [
  { months: 0, label: "Does not repeat" },
  { months: 1, label: "Monthly" },
  { months: 3, label: "Quarterly" },
  { months: 6, label: "Every six months" },
  { months: 12, label: "Yearly" },
] as const;

const ids = (what: string) => z.array(z.guid({ message: `Choose a valid ${what}.` })).max(200, `Too many ${what}s (200 at most).`).default([]);

export const SUBJECTS = ["grants", "credentials"] as const;

/** Which approved grants and/or credentials are in the campaign; an empty list means "any". */
export const campaignScope = z.object({
  subjects: z
    .array(z.enum(SUBJECTS, { message: "Review grants, credentials or both." }))
    .min(1, "Choose what to review: grants, credentials or both.")
    .default(["grants"]),
  connectorIds: ids("connector"),
  workflowIds: ids("workflow"),
  teamIds: ids("team"),
  environments: z.array(z.enum(ENVIRONMENTS, { message: `Environment must be one of: ${ENVIRONMENTS.join(", ")}.` })).default([]),
  sensitivities: z.array(z.enum(SENSITIVITIES, { message: `Sensitivity must be one of: ${SENSITIVITIES.join(", ")}.` })).default([]),
  highRiskOnly: z.boolean().default(false),
});
export type CampaignScope = z.output<typeof campaignScope>;

const optionalPerson = z.preprocess((v) => (v === "" ? undefined : v), z.guid({ message: "Choose a person from the list." }).optional());

export const createCampaignInput = z
  .object({
    name: z.string().trim().min(1, "Give the campaign a name.").max(120, "Name is too long (120 characters at most)."),
    description: z.string().trim().max(2000, "Description is too long (2000 characters at most).").default(""),
    startsAt: z.coerce.date({ message: "Start date must be a valid date." }),
    dueAt: z.coerce.date({ message: "Due date must be a valid date." }),
    recurrenceMonths: z.coerce
      .number({ message: "Choose how often the campaign repeats." })
      .refine((m) => RECURRENCES.some((r) => r.months === m), "Choose how often the campaign repeats.")
      .default(0),
    closeDefault: z.enum(CLOSE_DEFAULTS, { message: "Choose what happens to undecided items on close." }).default("keep"),
    fallbackReviewerId: optionalPerson,
    secondStageReviewerId: optionalPerson,
    scope: campaignScope.default(campaignScope.parse({})),
  })
  .refine((c) => c.dueAt.getTime() > c.startsAt.getTime(), { path: ["dueAt"], message: "Due date must be after the start date." });
export type CreateCampaignInput = z.input<typeof createCampaignInput>;
