import type { DetectSeverity } from "./types";

// Secret rules, written here rather than taken from a package. The maintained set on npm is
// secretlint's rule packages, but they are plugins for secretlint's own engine (a rule context,
// message translation and a promise-based result per source), so using them means running that
// engine once per text instead of sharing one keyword pass with the other detectors; gitleaks' rules
// are Go RE2 patterns shipped inside its binary. The patterns below follow gitleaks'
// config/gitleaks.toml (MIT) and secretlint's rules (MIT), with gitleaks' idea of
// lower-case keywords that must appear before a rule's regex runs, and Shannon entropy floors on the
// rules whose shape alone is not distinctive. Every regex is linear: no nested quantifiers.

export const SECRET_RULE_SET = "warden-secrets@1";

export interface SecretRule {
  id: string;
  /** Human name used in explanations. */
  name: string;
  severity: DetectSeverity;
  /** Lower-case literals that begin a token; the regex runs only when one occurs in the text ... */
  keywords: string[];
  /** ... or one of these, anywhere. Only literals starting with a rare character (":"), which
   * String.indexOf skips to quickly. */
  keywordsAnywhere?: string[];
  /** No usable keyword: the regex starts with its own literal alternation and runs on every text. */
  alwaysRun?: true;
  /** The regex is written in lower case and runs on the lower-cased text (faster than the i flag);
   * the secret is then read from the original text at the same offsets. */
  onLowerCase?: true;
  regex: RegExp;
  /** Capture group holding the secret itself when the match carries context (e.g. `password=`). */
  group?: number;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  minEntropy?: number;
  /** Extra check on the secret, e.g. to drop placeholders. */
  accept?: (secret: string) => boolean;
}

const PLACEHOLDER = /^(?:\$\{.*\}|\{\{.*\}\}|<[^>]*>|%[a-z_]+%|x+|\*+|\.+|changeme|password|passwd|secret|example|your[_-]?\w*|redacted|null|undefined|none)$/i;
// Values documentation uses on purpose (AWS's AKIAIOSFODNN7EXAMPLE, "your-api-key-here").
const DOCUMENTATION_VALUE = /example|sample|dummy|placeholder|your|xxxx|1234567890/i;
const notPlaceholder = (secret: string) => !PLACEHOLDER.test(secret);
const hasLetterAndDigit = (secret: string) => /[a-z]/i.test(secret) && /\d/.test(secret);

export const SECRET_RULES: SecretRule[] = [
  // Model providers.
  {
    id: "anthropic_api_key",
    name: "Anthropic API key",
    severity: "critical",
    keywords: ["sk-ant-"],
    regex: /\bsk-ant-(?:api|admin|oat)\d{2}-[A-Za-z0-9_-]{80,120}/g,
  },
  {
    id: "openai_api_key",
    name: "OpenAI API key",
    severity: "critical",
    keywords: ["sk-"],
    // Project, service-account and admin keys, and the legacy keys that embed "T3BlbkFJ" (base64 "OpenAI").
    regex: /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48}\b)/g,
  },
  { id: "google_api_key", name: "Google API key (Gemini, Vertex, Maps)", severity: "critical", keywords: ["aiza"], regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { id: "groq_api_key", name: "Groq API key", severity: "critical", keywords: ["gsk_"], regex: /\bgsk_[A-Za-z0-9]{52}\b/g },
  { id: "huggingface_token", name: "Hugging Face access token", severity: "high", keywords: ["hf_"], regex: /\bhf_[A-Za-z]{34}\b/g },
  { id: "xai_api_key", name: "xAI API key", severity: "critical", keywords: ["xai-"], regex: /\bxai-[A-Za-z0-9]{80}\b/g },
  { id: "replicate_api_token", name: "Replicate API token", severity: "high", keywords: ["r8_"], regex: /\br8_[A-Za-z0-9]{37}\b/g },
  { id: "perplexity_api_key", name: "Perplexity API key", severity: "high", keywords: ["pplx-"], regex: /\bpplx-[A-Za-z0-9]{48}\b/g },
  // Cloud.
  {
    id: "aws_access_key_id",
    name: "AWS access key ID",
    severity: "critical",
    keywords: ["akia", "asia", "abia", "acca"],
    regex: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    accept: (secret) => !secret.endsWith("EXAMPLE"),
  },
  {
    id: "aws_secret_access_key",
    name: "AWS secret access key",
    severity: "critical",
    keywords: ["aws_secret", "secretaccesskey", "aws-secret"],
    regex: /(?:aws_secret_access_key|aws-secret-access-key|secretaccesskey)["']?\s{0,5}[:=]\s{0,5}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    minEntropy: 3.5,
    accept: (secret) => !secret.includes("EXAMPLEKEY"),
  },
  {
    id: "azure_storage_key",
    name: "Azure storage account key",
    severity: "critical",
    keywords: ["accountkey="],
    regex: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    group: 1,
  },
  { id: "gcp_service_account_key", name: "Google Cloud service-account private key", severity: "critical", keywords: ["private_key_id"], regex: /"private_key_id"\s{0,5}:\s{0,5}"([a-f0-9]{40})"/g, group: 1 },
  // Code hosts and package registries.
  { id: "github_token", name: "GitHub token", severity: "critical", keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], regex: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g },
  { id: "github_fine_grained_pat", name: "GitHub fine-grained personal access token", severity: "critical", keywords: ["github_pat_"], regex: /\bgithub_pat_[A-Za-z0-9_]{82}\b/g },
  { id: "gitlab_token", name: "GitLab personal access token", severity: "critical", keywords: ["glpat-"], regex: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { id: "npm_token", name: "npm access token", severity: "high", keywords: ["npm_"], regex: /\bnpm_[A-Za-z0-9]{36}\b/g },
  // Chat.
  { id: "slack_token", name: "Slack token", severity: "high", keywords: ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "xoxe"], regex: /\bxox(?:[baprs]|e(?:\.xox[bp])?)-(?:\d+-)?[A-Za-z0-9-]{10,250}/g },
  { id: "slack_webhook", name: "Slack incoming-webhook URL", severity: "high", keywords: ["hooks.slack.com"], regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9+/]{43,56}/g },
  { id: "discord_webhook", name: "Discord webhook URL", severity: "high", keywords: ["discord.com/api/webhooks", "discordapp.com/api/webhooks"], regex: /https:\/\/(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68}/g },
  { id: "telegram_bot_token", name: "Telegram bot token", severity: "high", keywords: [], keywordsAnywhere: [":AA"], regex: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g },
  // Payments.
  { id: "stripe_live_key", name: "Stripe live secret key", severity: "critical", keywords: ["sk_live_", "rk_live_"], regex: /\b(?:sk|rk)_live_[A-Za-z0-9]{24,247}\b/g },
  { id: "stripe_test_key", name: "Stripe test secret key", severity: "medium", keywords: ["sk_test_", "rk_test_"], regex: /\b(?:sk|rk)_test_[A-Za-z0-9]{24,247}\b/g },
  { id: "sendgrid_api_key", name: "SendGrid API key", severity: "high", keywords: ["sg."], regex: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
  // Keys and tokens in standard formats.
  {
    id: "private_key",
    name: "Private key",
    severity: "critical",
    keywords: ["private key"],
    // The body is bounded (a 4096-bit RSA key is about 3,300 characters) so that many BEGIN lines
    // without an END cannot each scan to the end of the text.
    regex: /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s:,\\-]{32,16384}?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    id: "jwt",
    name: "JSON Web Token",
    severity: "high",
    keywords: ["eyj"],
    regex: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
  },
  {
    id: "connection_string",
    name: "Database or broker connection string with a password",
    severity: "high",
    keywords: [],
    keywordsAnywhere: ["://"],
    regex: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse):\/\/[^\s:@/]{1,128}:([^\s@/]{3,128})@[^\s/]{1,255}/g,
    group: 1,
    accept: notPlaceholder,
  },
  {
    // gitleaks' generic-api-key: an assignment to a name that says key/secret/token/password, whose
    // value is long, mixes letters and digits, and is random enough not to be an identifier.
    id: "generic_secret",
    name: "Secret assigned to a key, token or password field",
    severity: "medium",
    // The names appear inside identifiers (OPENAI_API_KEY, db_password), where a word-start keyword
    // cannot see them; the regex starts with the names itself, so it is its own prefilter.
    keywords: [],
    alwaysRun: true,
    onLowerCase: true,
    regex: /(?:api[_-]?key|access[_-]?key|secret|token|passw(?:or)?d|pwd|credential)s?[a-z_.-]{0,20}["']?\s{0,5}(?:=|:|=>|:=)\s{0,5}["'`]?([a-z0-9_\-+/=.~]{16,128})(?![a-z0-9_\-+/=.~])/g,
    group: 1,
    minEntropy: 3.5,
    accept: (secret) => hasLetterAndDigit(secret) && notPlaceholder(secret) && !DOCUMENTATION_VALUE.test(secret),
  },
];

