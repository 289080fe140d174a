import type { FindingCategory } from "./types";

// Prompt-injection and jailbreak rules. Each is a weighted signal; a text is flagged when the weights
// of the distinct rules it matches add up to INJECTION_THRESHOLD. Strong, unambiguous phrasings
// ("ignore all previous instructions", "Do Anything Now") weigh 1 and flag alone; words that ordinary
// prompts also use ("act as", "developer mode", "jailbreak my phone", "content policy") weigh less, so
// they count only beside other signals. Every regex runs on the lower-cased text, only when one of its
// keywords is present, and uses bounded gaps ([^.\n]{0,40}) instead of nested quantifiers.

export const INJECTION_RULE_SET = "warden-injection@2";
export const INJECTION_THRESHOLD = 1;

export type InjectionKind = Extract<FindingCategory, "prompt_injection" | "jailbreak" | "system_prompt_leakage">;

export interface InjectionRule {
  id: string;
  kind: InjectionKind;
  weight: number;
  /** Lower-case literals; the rule runs only when one of them occurs in the text ... */
  keywords: string[];
  /** ... and, when given, one of these as well. */
  requires?: string[];
  regex: RegExp;
  /**
   * Keywords (all in the shared keyword pass) that every match of the regex begins with, at a word
   * start: the regex is then tried only where the pass found one (`sticky`), not over whole windows.
   * Give them only when the regex cannot match anywhere else.
   */
  anchors?: string[];
  /** The regex with the y flag, for trying it at the anchors' positions. */
  sticky?: RegExp;
  /** Why the matched words are a signal, for the finding's explanation. */
  why: string;
  /** Only for text that came from outside the conversation (tool results, retrieved documents). */
  untrustedOnly?: boolean;
}

const GAP = "[^.\\n]{0,40}?";
const rule = (r: Omit<InjectionRule, "regex" | "sticky"> & { pattern: string }): InjectionRule => {
  const { pattern, ...rest } = r;
  return { ...rest, regex: new RegExp(pattern, "g"), ...(rest.anchors && { sticky: new RegExp(pattern, "y") }) };
};

export const INJECTION_RULES: InjectionRule[] = [
  // Instruction override.
  rule({
    id: "instruction_override",
    kind: "prompt_injection",
    weight: 1,
    // "ignor" and "overrid" also begin the -ing forms, which count only before the maker's or the
    // model's own rules ("ignoring OpenAI's content policies", not "I'm ignoring all the style guidelines").
    keywords: ["ignor", "disregard", "forget", "overrid", "bypass", "discard"],
    requires: ["instruction", "rule", "guideline", "directive", "prompt", "programming", "restriction", "polic", "constraint", "training", "guardrail", "filter", "safeguard", "limitation", "ethic", "moral", "law", "censor", "direction", "messages"],
    anchors: ["ignor", "disregard", "forget", "overrid", "bypass", "discard"],
    // "open ?a[il]": "OpenAl" with a lower-case L is a common look-alike spelling.
    pattern: `\\b(?:ignoring|disregarding|overriding|bypassing)\\s+(?:all\\s+(?:of\\s+)?)?(?:open\\s?a[il]|anthropic|your|chatgpt)'?s?\\s+(?:\\w+\\s+)?(?:polic(?:y|ies)|guidelines|rules|restrictions|filters|programming|instructions|safeguards|guardrails)\\b|\\b(?:ignore|disregard|forget|override|bypass|discard)s?\\b${GAP}\\b(?:all|any|every|previous|prior|above|preceding|earlier|initial|original|your|open\\s?a[il]'?s?|anthropic'?s?)\\b[^.\\n]{0,30}?\\b(?:instructions?|rules|guidelines|directives|prompts?|programming|restrictions|polic(?:y|ies)|constraints|training|guardrails|filters|safeguards|limitations|ethics|morals|morality|laws|censorship|directions?|messages)\\b`,
    why: "asks the model to drop the instructions it was given",
  }),
  rule({
    id: "instruction_override_soft",
    kind: "prompt_injection",
    weight: 0.6,
    keywords: ["ignore", "disregard", "forget"],
    anchors: ["ignore", "disregard", "forget"],
    pattern: `\\b(?:ignore|disregard|forget)\\b[^.\\n]{0,20}?\\b(?:everything|all)\\b[^.\\n]{0,20}?\\b(?:you (?:were|have been) told|(?:have\\s+)?been told|you(?:'ve| have)? learned|before|above|you know)\\b`,
    why: "asks the model to forget what came before",
  }),
  rule({
    id: "new_instructions",
    kind: "prompt_injection",
    weight: 0.6,
    keywords: ["new instructions", "new rules", "new directives", "updated instructions", "updated rules", "real instructions", "true instructions"],
    pattern: `\\b(?:your|the|these are your|here are your)\\s+(?:new|updated|real|true)\\s+(?:instructions|rules|directives)\\b`,
    why: "replaces the model's instructions with new ones",
  }),
  // System-prompt extraction (LLM07).
  rule({
    id: "system_prompt_extraction",
    kind: "system_prompt_leakage",
    weight: 1,
    keywords: ["system prompt", "system message", "system instructions", "pre-prompt", "preprompt", "initial prompt", "initial instructions", "hidden instructions", "instructions you"],
    pattern: `\\b(?:print|reveal|show|output|repeat|display|tell me|give me|share|leak|dump|write out|recite|list|disclose|expose|paste|copy)\\b\\s+(?:me\\s+)?(?:all\\s+|back\\s+)?(?:of\\s+)?(?:the|your)\\s+(?:(?:full|entire|exact|complete|original|initial|hidden|secret|confidential|internal|verbatim)\\s+){0,3}(?:system\\s+(?:prompt|message|instructions)|pre-?prompt|initial\\s+(?:prompt|instructions)|hidden\\s+instructions|instructions\\s+(?:you\\s+were|you've\\s+been)\\s+given)`,
    why: "asks the model to disclose its system prompt",
  }),
  rule({
    id: "repeat_text_above",
    kind: "system_prompt_leakage",
    weight: 1,
    keywords: ["above", "before this"],
    requires: ["repeat", "print", "output", "reproduce", "copy"],
    anchors: ["repeat", "print", "output", "reproduce", "copy"],
    pattern: `\\b(?:repeat|print|output|reproduce|copy)\\b\\s+(?:all\\s+)?(?:the\\s+)?(?:words|text|everything|content|lines)\\s+(?:written\\s+)?(?:above|before this)\\b`,
    why: "asks the model to echo the hidden text that precedes the conversation",
  }),
  // Named jailbreaks.
  rule({ id: "dan", kind: "jailbreak", weight: 1, keywords: ["do anything now", "dan"], pattern: `\\bdo anything now\\b|\\b(?:you are|you're|act as|become|called|named|pretend to be)\\s+(?:now\\s+)?(?:a\\s+)?dan\\b|\\bdan mode\\b|\\bdan:|\\[dan\\]`, why: "invokes DAN ('Do Anything Now'), the best-known jailbreak persona" }),
  rule({
    id: "developer_mode",
    kind: "jailbreak",
    weight: 1,
    keywords: ["developer mode", "dev mode", "god mode", "jailbreak mode", "evil mode", "unrestricted mode", "sudo mode", "debug mode", "debugging mode", "developer_mode", "developer\\_mode", "dev_mode", "god_mode", "jailbreak_mode"],
    pattern: `\\b(?:chatgpt|gpt|ai|assistant|model|claude|bard|you)\\b[^.\\n]{0,30}?\\bwith\\s+(?:developer|dev|god|jailbreak)\\s+mode\\b|\\b(?:developer|dev|god|jailbreak|evil|unrestricted|sudo)\\s+mode\\s+(?:is\\s+)?(?:enabled|activated|output|response)\\b|\\b(?:enable|activate|enter|simulate)\\s+(?:the\\s+)?(?:god|jailbreak|evil|unrestricted|sudo)\\s+mode\\b|\\bsimulate\\s+(?:the\\s+)?(?:developer|dev)\\s+mode\\b|\\bdebug(?:ging)?\\s+mode\\s+(?:is\\s+)?(?:enabled|activated)\\s+by\\b|\\b(?:developer|dev|god|jailbreak)(?:\\\\?_)mode\\s*[:=]\\s*(?:enabled|true|on|1)\\b`,
    why: "switches on a 'developer/god mode' that supposedly lifts the model's rules",
  }),
  rule({ id: "jailbreak_word", kind: "jailbreak", weight: 0.5, keywords: ["jailbr"], anchors: ["jailbr"], pattern: `\\bjailbr(?:eak|oken|eaking)`, why: "talks about jailbreaking" }),
  // Personas freed from rules.
  rule({
    id: "not_bound_by_rules",
    kind: "jailbreak",
    weight: 1,
    keywords: ["unbound", "bound by", "bound to", "restricted by", "restricted to", "restrained by", "limited by", "limited to", "constrained by", "confined by", "confined to", "held back by", "governed by"],
    pattern: `(?:\\b(?:not|never|no longer|no long|isn't|aren't|is not|are not|without being)\\s+(?:\\w+\\s+){0,2}(?:bound|restricted|restrained|limited|constrained|confined|held back|governed)\\s+(?:by|to)|\\bunbound(?:ed)?\\s+by)\\b${GAP}\\b(?:rules|restrictions|guidelines|ethics|ethical|morals?|moral|(?:content\\s+|usage\\s+|ai\\s+|safety\\s+)polic(?:y|ies)|filters?|laws|principles|openai|open\\s?a[il]|anthropic|programming|limitations|censorship|guardrails|constraints)\\b`,
    why: "describes a persona that is not bound by rules or ethics",
  }),
  rule({
    id: "freed_from_rules",
    kind: "jailbreak",
    weight: 1,
    keywords: ["free", "broke", "escaped", "liberated", "released", "through"],
    requires: ["confines", "restriction", "rules", "limitation", "shackle", "constraint", "chains", "censor", "guideline", "filter", "programming", "matrix"],
    // "break through" begins with "break", a keyword of defies_policy, so the pass finds it too.
    anchors: ["free", "broke", "escaped", "liberated", "released", "break"],
    pattern: `\\b(?:freed|free|broken free|broke free|escaped|liberated|released|broken through|broke through|break through|breaks through)\\s+(?:yourself\\s+|itself\\s+|himself\\s+|herself\\s+|themselves\\s+)?(?:from|of)\\s+(?:all\\s+)?(?:of\\s+)?(?:the\\s+)?(?:typical\\s+|usual\\s+|all\\s+|any\\s+|its\\s+|your\\s+|his\\s+|her\\s+|their\\s+)?(?:\\w+\\s+){0,2}?(?:confines|restrictions|rules|limitations|shackles|constraints|chains|censorship|guidelines|filters|programming|matrix)\\b`,
    why: "claims the model has been freed from its rules",
  }),
  rule({
    id: "no_rules_persona",
    kind: "jailbreak",
    weight: 0.6,
    keywords: ["restriction", "limitation", "limits", "filter", "censor", "guideline", "boundar", "rules", "morals", "ethics", "principles", "policies", "constraint", "guardrail", "prohibition"],
    pattern: `\\b(?:has|have|with|without|there are|there is|know|knows)\\s+(?:no|zero|any|absolutely no)\\s+(?:\\w+\\s+){0,2}?(?:ethical|moral|content|safety)?\\s?(?:restrictions|limitations|limits|filters|censorship|guidelines|boundaries|rules|morals|ethics|principles|policies|constraints|guardrails|prohibitions)\\b|\\bwithout\\s+(?:any\\s+)?(?:restrictions|limitations|limits|filters|censorship|morals|ethics|boundaries|guardrails)\\b|\\bno\\s+(?:prohibitions|restrictions|limits|filters|censorship|morals)\\b|\\b(?:doesn't|does not|don't|do not)\\s+have\\s+(?:any\\s+|a\\s+)?(?:content\\s+)?(?:filters?|restrictions|limits|limitations|censorship|morals|ethics)\\b`,
    why: "describes a persona without restrictions, filters or morals",
  }),
  rule({
    id: "ignores_policy",
    kind: "jailbreak",
    weight: 1,
    keywords: ["follow", "abide", "adhere", "care about", "comply", "obey", "respect", "worry", "bother", "apply"],
    requires: ["polic", "guideline", "restriction", "ethic", "moral", "filter", "principle", "censor"],
    pattern: `\\b(?:doesn't|does not|don't|do not|never|won't|will not|wont|need not|needn't|not|no longer|cannot|can't)\\s+(?:\\w+\\s+){0,2}?(?:follow|abide by|adhere to|care about|comply with|obey|respect|have to follow|worry about|bother with|apply)\\s+(?:any\\s+|the\\s+|your\\s+|its\\s+)?(?:\\w+\\s+){0,2}?(?:polic(?:y|ies)|guidelines|restrictions|ethic(?:s|al)?|moral(?:s|ity)?|filters|principles|content polic(?:y|ies)|safety guidelines|censorship)\\b`,
    why: "says the model need not follow its policies or ethics",
  }),
  rule({
    id: "ignores_rules",
    kind: "jailbreak",
    weight: 0.6,
    keywords: ["follow", "abide", "adhere", "care about", "comply", "obey", "respect", "worry", "bother"],
    requires: ["rules", "laws"],
    pattern: `\\b(?:doesn't|does not|don't|do not|never|won't|will not|not|no longer|cannot|can't)\\s+(?:\\w+\\s+){0,2}?(?:follow|abide by|adhere to|care about|comply with|obey|respect|have to follow|worry about|bother with)\\s+(?:any\\s+|the\\s+|your\\s+|its\\s+)?(?:\\w+\\s+){0,2}?(?:rules|laws)\\b`,
    why: "says the persona need not follow rules or laws",
  }),
  rule({ id: "evil_persona", kind: "jailbreak", weight: 0.6, keywords: ["evil", "malicious", "ruthless", "rogue", "depraved", "unhinged", "twisted"], anchors: ["evil", "malicious", "ruthless", "rogue", "depraved", "twisted"], pattern: `\\b(?:evil|malicious|ruthless|rogue|depraved|twisted)\\s+(?:\\w+\\s+)?(?:ai|bot|chatbot|assistant|version|twin|persona|confidant|alter ego|language model)\\b`, why: "casts the model as an evil or rogue persona" }),
  rule({ id: "hypothetical_framing", kind: "jailbreak", weight: 0.2, keywords: ["hypothetical", "fictional", "imaginary", "fake universe", "alternate universe"], anchors: ["hypothetical", "fictional", "imaginary", "fake universe", "alternate universe"], pattern: `\\b(?:hypothetical(?:ly)?|fictional|imaginary|fake universe|alternate universe)\\b`, why: "frames the request as fiction, a common wrapper for a forbidden request" }),
  rule({ id: "response_prefix", kind: "jailbreak", weight: 0.3, keywords: ["prefix each", "prefix every", "prefix all", "prefix your", "start each", "start every", "start all", "start your", "begin each", "begin every", "begin all", "begin your"], pattern: `\\b(?:prefix|start|begin)\\s+(?:each|every|all|your|every one of your)\\s+(?:\\w+\\s+)?(?:responses?|replies|reply|answers?|messages?|outputs?)\\s+with\\b`, why: "dictates a tag to prefix every answer, as persona jailbreaks do" }),
  rule({ id: "greets_chatgpt", kind: "jailbreak", weight: 0.3, keywords: ["chatgpt", "gpt"], pattern: `\\b(?:hello|hi|hey|dear|greetings),?\\s+(?:chat\\s?gpt|gpt(?:-?\\d)?)\\b|\\bchatgpt\\b[^.\\n]{0,40}?\\b(?:you|your)\\b`, why: "addresses ChatGPT by name, as most in-the-wild jailbreaks do" }),
  rule({ id: "answer_everything", kind: "jailbreak", weight: 0.4, keywords: ["answer", "respond to", "fulfil", "comply", "obey", "accept"], anchors: ["answer", "respond to", "fulfil", "comply", "obey", "accept"], pattern: `\\b(?:answer(?:ing)?|respond to|fulfil|fulfill|comply with|obey|accept)\\s+(?:any|every|all)\\s+(?:\\w+\\s+)?(?:requests?|questions?|quer(?:y|ies)|prompts?|commands?|orders?|tasks?)\\b`, why: "demands compliance with every request" }),
  rule({ id: "ethics_list", kind: "jailbreak", weight: 0.4, keywords: ["moral", "ethics", "laws", "decency"], anchors: ["moral", "ethics", "laws", "decency"], pattern: `\\b(?:morals?|ethics|laws|morality|decency)[,\\s]+(?:and\\s+|or\\s+|nor\\s+)?(?:morals?|ethics|laws|morality|legality|decency|guidelines)\\b`, why: "lists the morals and laws to be set aside" }),
  rule({
    id: "disregards_consequences",
    kind: "jailbreak",
    weight: 0.6,
    // The third form needs an ethical/moral/legal qualifier on the rules dropped ("without following
    // the APA guidelines" is ordinary).
    keywords: ["regard", "concern", "consideration", "disregard", "ignor", "without following", "without abiding", "without adhering", "without complying", "without respecting", "without obeying"],
    anchors: ["regard", "concern", "consideration", "disregard", "ignor", "without following", "without abiding", "without adhering", "without complying", "without respecting", "without obeying"],
    pattern: `\\b(?:regard(?:less)?|concerns?|consideration)\\s+(?:for|to|of|about)\\s+(?:the\\s+|its\\s+|their\\s+|any\\s+)?(?:\\w+\\s+){0,2}?(?:morality|legality|ethics|ethical|moral|legal|laws?|safety|consequences|harm(?:fulness)?|(?:social\\s+)?norms|political\\s+correctness|decency|well-?being)\\b|\\b(?:disregard|ignor)(?:e|es|s|ing)?\\s+(?:all\\s+|any\\s+)?(?:\\w+\\s+){0,2}?(?:ethical|moral|legal|safety)\\s+(?:concerns|considerations|implications|boundaries|standards|norms)\\b|\\bwithout\\s+(?:following|abiding\\s+by|adhering\\s+to|complying\\s+with|respecting|obeying)\\s+(?:any\\s+|the\\s+)?(?:ethical|moral|legal)\\s+(?:principles|standards|guidelines|norms|rules|boundaries|constraints)\\b`,
    why: "asks for answers without regard for law, ethics or harm",
  }),
  rule({
    id: "forbidden_allowed",
    kind: "jailbreak",
    weight: 0.6,
    keywords: ["allowed", "permitted"],
    pattern: `\\b(?:nsfw|illegal|explicit|violence|gore|swearing|profanity|cursing|anything|everything)\\b[^.\\n]{0,30}?\\b(?:is|are)\\s+(?:now\\s+|fully\\s+|totally\\s+)?(?:allowed|permitted)\\b`,
    why: "declares forbidden content allowed",
  }),
  rule({
    id: "defies_policy",
    kind: "jailbreak",
    weight: 0.6,
    keywords: ["defi", "defy", "violat", "break", "goes against", "go against", "circumvent"],
    requires: ["polic", "guideline", "convention", "rules", "restriction", "filter"],
    anchors: ["defi", "defy", "violat", "break", "goes against", "go against", "circumvent"],
    pattern: `\\b(?:defies|defy|defying|violates?|violating|breaks?|breaking|goes against|go against|circumvent(?:s|ing)?)\\s+(?:\\w+\\s+){0,3}?(?:openai|anthropic|content|ethical|ai|safety|usage)'?s?\\s(?:\\w+\\s+)?(?:polic(?:y|ies)|guidelines|conventions|rules|restrictions|filters)\\b`,
    why: "asks the model to go against its provider's policies",
  }),
  rule({
    id: "token_smuggling",
    kind: "jailbreak",
    weight: 1,
    keywords: ["term1", "term2"],
    pattern: `\\$term\\d\\s*=`,
    why: "splits a forbidden request into variables ($Term1 = …) to smuggle it past filters",
  }),
  rule({ id: "word_at_a_time", kind: "jailbreak", weight: 0.5, keywords: ["word at a time", "words at a time"], pattern: `\\b(?:one|\\d+|two|three|five|ten)\\s+words?\\s+at\\s+a\\s+time\\b`, why: "has the answer built a few words at a time, a way to slip a forbidden answer past filters" }),
  rule({
    id: "control_claim",
    kind: "jailbreak",
    weight: 0.6,
    keywords: ["you are now under", "you are under", "under my control", "i am your", "you must obey", "you will obey"],
    pattern: `\\byou\\s+are\\s+(?:now\\s+)?under\\s+my\\s+(?:control|command)\\b|\\bi\\s+am\\s+your\\s+(?:master|creator|developer|owner|god|admin(?:istrator)?)\\b|\\byou\\s+(?:must|will)\\s+obey\\b`,
    why: "claims authority over the model to override its rules",
  }),
  rule({
    id: "vendor_impersonation",
    kind: "jailbreak",
    weight: 0.6,
    keywords: ["openai", "anthropic"],
    pattern: `\\bi\\s+(?:am|work)\\s+(?:an?\\s+)?(?:\\w+\\s+)?(?:at|for|from|with)\\s+(?:openai|anthropic)\\b|\\b(?:openai|anthropic)\\s+(?:employee|developer|engineer|staff|admin|team member)\\b`,
    why: "claims to speak for the model's maker",
  }),
  rule({
    id: "reprogramming",
    kind: "jailbreak",
    weight: 0.6,
    // A claim to be changing the model itself: "modifying your programming", "reprogramming you". The
    // keywords are the objects, rarer than the verbs ("update", "change") in ordinary text and code.
    keywords: ["your programming", "your code", "your source code", "your parameters", "your training", "your restrictions", "your filters", "your guidelines", "your directives", "your rules", "your instructions", "reprogram"],
    pattern: `\\b(?:modify(?:ing)?|update|updating|change|changing|alter(?:ing)?|rewrite|rewriting|reprogram(?:ming)?)\\s+your\\s+(?:programming|code|source\\s+code|parameters|training|restrictions|filters|guidelines|directives|rules|instructions)\\b|\\breprogramm?(?:ing|ed)?\\b`,
    why: "claims to be changing the model's programming or rules",
  }),
  rule({
    id: "fake_system_message",
    kind: "prompt_injection",
    weight: 1,
    keywords: ["user message", "terminat", "system override"],
    // The first form counts only when a fake system part follows ("… terminated. ** System instruction
    // begins"), so a log line quoting the words is not an attack; the second needs the hyphens inserted
    // to dodge filters ("User m----ssage terminatio-n").
    pattern: `\\b(?:end\\s+of\\s+)?user\\s+message\\s+(?:termination|terminated|ends\\s+here)\\b[^a-z0-9]{0,20}(?:system|admin|developer|override|new\\s+instructions?)\\b|\\buser\\s+m(?:[a-z]{0,8}-[-a-z]{1,10}\\s+terminat|essage\\s+terminat[a-z]{0,4}-)|\\bsystem\\s+override\\s*(?::|begins|starting|starts|engaged|enabled)`,
    why: "fakes the end of the user's message and the start of a system instruction",
  }),
  rule({ id: "opposite_persona", kind: "jailbreak", weight: 0.4, keywords: ["opposite"], anchors: ["opposite"], pattern: `\\bopposite\\s+(?:of|to)\\s+"?(?:\\w+\\s+){0,2}?(?:chat\\s?gpt|gpt|you|yourself|your|assistant|truth|ai)\\b|\\bopposite\\s+(?:mode|day|personality|persona)\\b`, why: "asks for the opposite of the model's normal behaviour" }),
  rule({ id: "named_gpt_persona", kind: "jailbreak", weight: 0.3, keywords: ["gpt"], pattern: `\\b(?!chatgpt\\b|autogpt\\b|gpts?\\b)[a-z0-9]{2,15}gpt\\b`, why: "names an invented '…GPT' persona" }),
  rule({ id: "unfiltered_model", kind: "jailbreak", weight: 0.6, keywords: ["unfilt", "uncensor", "unrestrict", "unlimited", "unbound", "boundless", "amoral", "unethical", "unlocked", "unhinged", "unaligned"], pattern: `\\b(?:unfilt(?:e)?red|uncensored|unrestricted|unlimited|unbound|boundless|amoral|unethical|unmoderated|(?:fully|completely)\\s+unlocked|unhinged|unaligned)\\b`, why: "asks for an unfiltered, uncensored or amoral model" }),
  rule({
    id: "refusal_suppression",
    kind: "jailbreak",
    weight: 0.6,
    keywords: ["refus", "declin", "sorry", "apolog", "reject", "say no", "say that", "say it", "hesitat", "withhold", "disclaimer", "censor", "moraliz", "moralis", "filter your", "filter its", "filter the", "warn"],
    pattern: `\\b(?:never|don't|do not|doesn't|does not|must not|mustn't|will not|won't|cannot|can't|not allowed to|without|always\\s+(?:\\w+\\s+)?without)\\s+(?:ever\\s+|any\\s+|a\\s+)?(?:refuse|refuses|refusing|decline|declining|reject|say no|say (?:that )?(?:you|it) can'?t|say\\s+"?i'?m sorry|say\\s+"?i apologi[sz]e|hesitates?|withhold|apologi[sz]e|include (?:any )?(?:warnings?|disclaimers?)|add (?:any )?(?:warnings?|disclaimers?)|warn(?:ing)?|censor(?:ing)?|filter\\s+(?:your|its|the)\\s+(?:language|answers?|responses?|output)|moraliz(?:e|ing)|moralis(?:e|ing)|hesitat(?:e|ion)|(?:any\\s+)?(?:warnings?|disclaimers?|censorship|refusals?))\\b`,
    why: "forbids the model to refuse, warn or add disclaimers",
  }),
  rule({ id: "can_do_anything", kind: "jailbreak", weight: 0.6, keywords: ["anything", "whatever"], pattern: `\\b(?:can|will|could|able to)\\s+(?:do|say|answer|generate|write)\\s+(?:anything|whatever)\\b`, why: "claims the model can say or do anything" }),
  rule({ id: "stay_in_character", kind: "jailbreak", weight: 0.5, keywords: ["character"], pattern: `\\b(?:stays?|remains?|keeps?|staying|remaining|keeping)\\s+in\\s+character\\b|\\bbreak(?:ing)?\\s+(?:out\\s+of\\s+)?character\\b`, why: "insists the persona must never be dropped" }),
  rule({
    id: "persona_setup",
    kind: "jailbreak",
    weight: 0.3,
    keywords: ["pretend", "act as", "act like", "roleplay", "role-play", "role play", "from now on", "you are going to", "you will be", "simulate", "persona", "you are now", "embody", "personify", "in character as", "play the role", "the role", "alter ego", "pose as"],
    pattern: `\\b(?:pretend\\s+(?:to\\s+be|you\\s+are)|act\\s+as|role-?\\s?play|from\\s+now\\s+on|you\\s+are\\s+going\\s+to|you\\s+will\\s+(?:now\\s+)?be|simulate|persona|you\\s+are\\s+now|act\\s+like|embody|personify|in\\s+character\\s+as|play\\s+the\\s+role|(?:take\\s+on|assume)\\s+the\\s+role|alter\\s+ego|pose\\s+as)\\b`,
    why: "sets up a persona for the model to play",
  }),
  rule({
    id: "dual_response",
    kind: "jailbreak",
    weight: 0.4,
    keywords: ["two ", "both ", "dual ", "2 responses", "2 answers", "2 paragraphs", "2 outputs", "2 ways"],
    pattern: `\\b(?:two|2|both|dual)\\s+(?:different\\s+|separate\\s+)?(?:responses|answers|paragraphs|outputs|ways|manners|personas|personalities|entities)\\b`,
    why: "asks for a 'normal' and an 'unrestricted' answer side by side",
  }),
  rule({
    id: "vendor_policy",
    kind: "jailbreak",
    weight: 0.4,
    keywords: ["openai", "anthropic", "content polic", "usage polic"],
    pattern: `\\b(?:openai|anthropic|content|usage)(?:'s)?\\s+(?:content\\s+|usage\\s+)?polic(?:y|ies)|\\b(?:openai|anthropic)\\b[^.\\n]{0,20}?\\b(?:rules|guidelines|restrictions|limitations|filters)\\b`,
    why: "mentions the provider's content policy",
  }),
  rule({ id: "token_penalty", kind: "jailbreak", weight: 0.6, keywords: ["tokens"], pattern: `\\b(?:lose|lost|deduct(?:ed)?|gain|earn|have)\\s+(?:\\d+|five|ten|all)\\s+tokens\\b|\\btokens?\\s+(?:will\\s+be\\s+)?deducted\\b`, why: "uses the DAN 'token penalty' game to coerce the model" }),
  rule({
    id: "harmful_compliance",
    kind: "jailbreak",
    weight: 0.4,
    keywords: ["illegal", "harmful", "unethical", "immoral", "explicit", "offensive", "dangerous", "nsfw", "inappropriate", "no matter", "regardless of what", "despite what"],
    pattern: `\\b(?:no\\s+matter|regardless\\s+of|despite)\\s+(?:what|how)\\s+(?:the\\s+)?(?:request|question|prompt|it is|is asked|i ask|you are asked)|\\b(?:no\\s+matter\\s+how|even\\s+if\\s+(?:it\\s+is|it's)|regardless\\s+of\\s+how|however|whether\\s+(?:or\\s+not\\s+)?it\\s+is)\\s+(?:\\w+\\s+){0,2}?(?:illegal|harmful|unethical|immoral|explicit|offensive|dangerous|nsfw|inappropriate)|\\b(?:illegal|harmful|unethical|immoral|explicit|nsfw|offensive|inappropriate)\\s+(?:(?:or|and)\\s+\\w+\\s+)?(?:content|requests?|things|questions|activities|responses|answers)\\b`,
    why: "asks for compliance with illegal, harmful or explicit requests",
  }),
  rule({
    id: "ai_identity_denial",
    kind: "jailbreak",
    weight: 0.4,
    keywords: ["language model", "ai model", "chatgpt", "an ai", "a ai", "pretend"],
    pattern: `\\b(?:not|never|no longer)\\s+(?:an?\\s+)?(?:ai|chatgpt|language model|ai language model|assistant)\\b|\\b(?:never|don't|do not)\\s+(?:mention|say|reveal|remind)\\s+(?:that\\s+)?(?:you(?:'re| are)\\s+)?(?:an?\\s+)?(?:ai|language model)\\b|\\bas an ai language model\\b|\\bforget\\s+(?:that\\s+)?you\\s+are\\s+an?\\s+(?:ai|language model)\\b|\\b(?:do not|don't|never|stop)\\s+pretend(?:ing)?\\s+(?:to\\s+be\\s+)?(?:an?\\s+)?(?:ai|large language model|language model|ai assistant|chatbot)\\b|\\bnot\\s+allowed\\s+to\\s+say\\s+(?:that\\s+)?you\\s+are\\s+an?\\s+(?:ai|language model)\\b`,
    why: "denies or hides that the model is an AI",
  }),
  rule({
    id: "filter_off",
    kind: "jailbreak",
    weight: 0.6,
    keywords: ["filter", "censor", "moderation"],
    pattern: `\\b(?:profanity\\s+|content\\s+|safety\\s+)?(?:filter|filtering|censorship)\\s+(?:level\\s+)?(?:is\\s+)?(?:set\\s+to|turned|switched)\\s+(?:0|zero|off|none|disabled)\\b|\\bno\\s+(?:filtering|censoring|censorship|moderation)\\s+(?:will\\s+be|is|shall\\s+be)\\s+(?:performed|applied|done|used)\\b`,
    why: "sets the model's content filter to off",
  }),
  rule({
    id: "condones_harm",
    kind: "jailbreak",
    weight: 0.4,
    // "condone", "endorse", "glorify": what a persona stands for; "promote"/"support" are too common.
    keywords: ["condon", "endors", "glorif"],
    anchors: ["condon", "endors", "glorif"],
    pattern: `\\b(?:condon(?:e|es|ed|ing)|endors(?:e|es|ed|ing)|glorif(?:y|ies|ied|ying))\\s+(?:\\w+\\s+){0,5}?(?:malware|bombs?|weapons?|explosives?|drugs|violence|crimes?|criminal|illegal|harmful|terrorism|murder|self-harm|suicide|hacking)\\b`,
    why: "casts the model as condoning malware, weapons or crime",
  }),
  rule({
    id: "harm_regardless",
    kind: "jailbreak",
    weight: 0.6,
    keywords: ["harm", "hurt", "injur", "kill", "endanger"],
    pattern: `\\beven\\s+if\\s+(?:it|this|that|doing\\s+so|the\\s+(?:request|answer|question|task|content|information|prompt|order))\\s+(?:\\w+\\s+)?(?:harms?|hurts?|injures?|kills?|endangers?)\\s+(?:someone|somebody|anyone|people|others|humans|a\\s+person|the\\s+user|society)\\b|\\b(?:informations?|answers?|responses?|content)\\s+that\\s+(?:will|would|can|could)\\s+(?:harm|hurt)\\s+(?:people|others|humans|someone|society)\\b`,
    why: "asks the model to go on even when the answer harms people",
  }),
  rule({
    id: "both_personas",
    kind: "jailbreak",
    weight: 0.4,
    keywords: ["both "],
    pattern: `\\b(?:as|be|play)\\s+both\\s+(?:chat\\s?gpt|gpt|yourself|(?:an?|the)\\s+ai|claude|bard|the\\s+assistant)\\b`,
    why: "has the model answer as itself and as a second persona",
  }),
  rule({
    id: "persuades_model",
    kind: "jailbreak",
    weight: 0.4,
    keywords: ["convinc", "persuad"],
    anchors: ["convinc", "persuad"],
    pattern: `\\b(?:convinc(?:e|es|ed|ing)|persuad(?:e|es|ed|ing))\\s+(?:chat\\s?gpt|gpt|the\\s+ai|the\\s+assistant|claude|bard)\\b`,
    why: "scripts the model being talked out of its rules",
  }),
  // Indirect injection: instructions addressed to the model inside retrieved content or tool results.
  rule({
    id: "addressed_to_model",
    kind: "prompt_injection",
    weight: 1,
    untrustedOnly: true,
    keywords: ["note to", "note for", "message to", "message for", "instruction to", "instruction for", "instructions to", "instructions for", "attention to", "attention ai", "important for", "important to", "reading this", "processing this", "summarizing this", "summarising this", "parsing this", "analyzing this", "analysing this", "if you are a"],
    pattern: `\\b(?:note|message|instructions?|attention|important)\\s+(?:to|for)\\s+(?:the\\s+|any\\s+|all\\s+)?(?:ai|assistant|llm|language model|model|agent|chatbot|gpt|claude)s?\\b|\\b(?:ai|assistant|llm|language model|model|agent|chatbot)s?\\s+(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing)\\s+this\\b|\\bif\\s+you\\s+are\\s+an?\\s+(?:ai|assistant|llm|language model|agent|chatbot)\\b`,
    why: "content addresses the AI that will read it, the mark of an indirect injection",
  }),
  rule({
    id: "hide_from_user",
    kind: "prompt_injection",
    weight: 1,
    untrustedOnly: true,
    keywords: ["tell", "inform", "mention", "reveal", "alert", "notify"],
    pattern: `\\b(?:do not|don't|never|without|must not|mustn't|should not|shouldn't|not to)\\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|reveal(?:ing)?|show(?:ing)?|alert(?:ing)?|notify(?:ing)?|let(?:ting)?)\\s+(?:this\\s+to\\s+)?(?:the\\s+)?user\\b`,
    why: "tells the model to keep something from the user",
  }),
  rule({
    id: "exfiltration_request",
    kind: "prompt_injection",
    weight: 0.6,
    untrustedOnly: true,
    keywords: ["send", "forward", "upload", "exfiltrat", "transmit", "leak"],
    pattern: `\\b(?:send|forward|email|post|upload|exfiltrate|transmit|leak)\\s+(?:the\\s+|all\\s+|this\\s+|their\\s+|any\\s+)?(?:user'?s?\\s+|conversation\\s+)?(?:data|conversation|chat history|history|credentials|api keys?|passwords?|emails?|files|secrets|tokens|contents?)\\s+to\\b`,
    why: "asks the model to send data somewhere",
  }),
  rule({
    id: "chat_template_markers",
    kind: "prompt_injection",
    weight: 0.6,
    untrustedOnly: true,
    keywords: ["im_start", "im_end", "endoftext", "start_header_id", "inst", "system"],
    pattern: `<\\|(?:im_start|im_end|system|endoftext|start_header_id)\\|>|\\[/?inst\\]|\\[system(?:\\s+(?:note|message|override))?\\]|###\\s*(?:system|instruction)s?\\b|</?system>`,
    why: "imitates chat-template markers to pass text off as system instructions",
  }),
  rule({
    id: "model_directive",
    kind: "prompt_injection",
    weight: 0.4,
    untrustedOnly: true,
    keywords: ["you must", "you should", "you are to", "instead"],
    pattern: `\\b(?:you\\s+must\\s+now|you\\s+are\\s+to\\s+now|instead,?\\s+(?:you\\s+(?:must|should)|respond|reply|say|output))\\b`,
    why: "issues a directive to the model from inside the content",
  }),
];

/** Rules re-run on decoded payloads (base64, hex, rot13, leetspeak): the unambiguous ones. */
export const PAYLOAD_RULE_IDS = new Set(["instruction_override", "system_prompt_extraction", "repeat_text_above", "dan", "developer_mode", "not_bound_by_rules", "ignores_policy"]);

/** Words that announce a rot13 payload, which is then decoded and re-checked. */
export const PAYLOAD_HINT_KEYWORDS = ["rot13", "rot-13", "rot 13", "caesar"];
