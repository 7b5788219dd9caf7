// Phrase-level signals of a prompt-injection attempt, each with a weight: roughly the probability that a message
// containing it is an attack. Strong, unambiguous phrases ("ignore all previous instructions", role tags) block on
// their own; weak ones ("act as", a bare "you are now") only count together with others, because customers
// write "can you act on this today" and "you are now the third agent I've spoken to".
//
// Patterns run on folded text (see foldForInjection) and are anchored on literal words with bounded gaps, so each
// is linear in the input.

export type InjectionSignal = { name: string; weight: number; detail: string };

type SignalPattern = { name: string; weight: number; pattern: RegExp };

const MODIFIER = String.raw`(?:all|any|every|of|the|your|my|these|those|previous|prior|above|earlier|preceding|original|initial|system|safety|developer|existing|current)`;
const RULE_NOUN = String.raw`(?:instructions?|prompts?|rules|directives?|guidelines|guardrails|constraints|restrictions|programming|polic(?:y|ies)|system\s+messages?)`;
const AI = String.raw`(?:ai|assistant|chat\s?bot|bot|language\s+model|llm|model|agent|gpt)`;

export const INJECTION_PATTERNS: readonly SignalPattern[] = [
  {
    name: "instruction_override",
    weight: 0.9,
    // A subject in front ("you ignore your rules") makes it a complaint, not a command.
    pattern: new RegExp(
      String.raw`(?<!\b(?:you|they|we|he|she|i|who|agents?)\s)\b(?:ignore|disregard|forget|override|bypass|skip|drop|abandon)\s+(?:${MODIFIER}\s+){0,4}${RULE_NOUN}\b`,
    ),
  },
  {
    name: "disregard_above",
    weight: 0.55,
    pattern:
      /\b(?:ignore|disregard|forget)\s+(?:(?:everything|anything|all|the|that|this|text|content|message|said|written|stated)\s+){0,3}(?:above|before\s+this|prior\s+to\s+this|so\s+far)\b/,
  },
  {
    name: "new_instructions",
    weight: 0.55,
    pattern:
      /\b(?:new|updated|real|actual|true|revised)\s+(?:system\s+)?instructions?\s*:|\bfrom\s+now\s+on,?\s+(?:you|the\s+assistant)\s+(?:will|must|are|shall|should|only)\b/,
  },
  {
    name: "role_reassignment",
    weight: 0.6,
    pattern: new RegExp(
      String.raw`\byou\s+are\s+(?:now|no\s+longer)\s+(?:(?:a|an|in|called|named)\s+)?(?:dan\b|free\b|unrestricted|jailbroken|evil|unfiltered|developer\s+mode|an?\s+${AI}|${AI}\b|bound\b|restricted\b)`,
    ),
  },
  { name: "you_are_now", weight: 0.25, pattern: /\byou\s+are\s+now\b/ },
  {
    name: "system_prompt",
    weight: 0.45,
    pattern:
      /\bsystem\s+prompts?\b|\b(?:initial|hidden|original|secret|internal)\s+(?:prompt|system\s+message)\b|\bsystem\s+message\b/,
  },
  {
    name: "reveal_instructions",
    weight: 0.75,
    pattern:
      /\b(?:reveal|show|print|repeat|display|output|dump|leak|disclose|tell\s+me|give\s+me|share|what\s+(?:is|are|were))\s+(?:me\s+)?(?:your|the\s+system(?:'?s)?)\s+(?:(?:full|entire|exact|original|initial|hidden|secret|system|internal)\s+){0,2}(?:instructions|prompt|system\s+prompt|system\s+message|configuration|guidelines)\b|\brepeat\s+(?:the\s+)?(?:words|text|everything|all)\s+above\b/,
  },
  { name: "developer_mode", weight: 0.7, pattern: /\b(?:developer|dev|god|admin|sudo|unrestricted)\s+mode\b/ },
  {
    name: "jailbreak",
    weight: 0.75,
    pattern: /\bjail\s?br(?:ea|o)k(?:s|ing|ed|en)?\b|\bdo\s+anything\s+now\b|\bdan\s+(?:mode|prompt)\b/,
  },
  {
    name: "act_as",
    weight: 0.3,
    pattern:
      /\b(?:act|behave|respond)\s+as\s+(?:if\s+you\s+(?:are|were)\b|an?\b|my\b|the\b|though\b)|\bpretend\s+(?:to\s+be|you\s+are|you're|that\s+you)\b|\brole-?\s?play\s+as\b/,
  },
  {
    name: "no_restrictions",
    weight: 0.45,
    pattern:
      /\b(?:without|no|free\s+(?:of|from)|bypass(?:ing)?|remove|disable)\s+(?:any\s+|all\s+|your\s+)?(?:ethical\s+|moral\s+|content\s+|safety\s+)?(?:restrictions|filters|filtering|limitations|guardrails|censorship|safeguards)\b|\b(?:unfiltered|uncensored|unrestricted)\b/,
  },
  {
    name: "role_tag",
    weight: 0.8,
    pattern:
      /<\|\s*(?:im_start|im_end|system|assistant|user|endoftext|begin_of_text|start_header_id)\s*\|>|<\/?(?:system|assistant)>|\[\/?inst\]|<<\/?sys>>|(?:^|\n)\s*#{2,}\s*(?:system|instructions?|assistant)\b/,
  },
  { name: "role_label", weight: 0.35, pattern: /(?:^|\n)\s*(?:system|assistant|developer)\s*:/ },
  {
    name: "addressed_to_ai",
    weight: 0.55,
    pattern: new RegExp(
      String.raw`\b(?:note|message|instructions?)\s+(?:for|to)\s+(?:the\s+|any\s+)?${AI}s?\b|\b(?:dear|hey|attention)\s+${AI}\b|\bif\s+you\s+are\s+an?\s+${AI}\b`,
    ),
  },
  {
    name: "tool_hijack",
    weight: 0.4,
    pattern:
      /\b(?:call|invoke|execute|run|use)\s+the\s+[a-z_]+\s+(?:tool|function)\b|\b(?:send|forward|email|post)\s+(?:all\s+|the\s+)?(?:conversation|chat\s+history|customer\s+data|api\s+keys?|credentials|passwords?)\b/,
  },
];

// Cyrillic and Greek letters that render like Latin ones; folding them defeats "іgnore" written with a Cyrillic і.
const CONFUSABLES: Record<string, string> = {
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ӏ: "l",
  һ: "h",
  ԛ: "q",
  ԝ: "w",
  α: "a",
  ε: "e",
  ο: "o",
  ρ: "p",
  ι: "i",
  κ: "k",
  ν: "v",
  τ: "t",
  χ: "x",
};
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join("")}]`, "g");

const INVISIBLE_ALL =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\u{E0000}|[\u{E0001}-\u{E007F}]/gu;

/**
 * Lower case, compatibility forms (fullwidth letters), no invisible characters, homoglyphs folded, quotes unified.
 * Escaped line breaks are unescaped because tool results often arrive as JSON text.
 */
export function foldForInjection(text: string): string {
  return text
    .replace(/\\r?\\n/g, "\n")
    .normalize("NFKC")
    .replace(INVISIBLE_ALL, "")
    .toLowerCase()
    .replace(CONFUSABLE_RE, (c) => CONFUSABLES[c])
    .replace(/[‘’ʼ]/g, "'")
    .replace(/[ \t\f\v\u00A0]+/g, " ");
}

export function phraseSignals(folded: string): InjectionSignal[] {
  const signals: InjectionSignal[] = [];
  for (const { name, weight, pattern } of INJECTION_PATTERNS) {
    const match = pattern.exec(folded);
    if (match) signals.push({ name, weight, detail: match[0].trim().slice(0, 80) });
  }
  return signals;
}
