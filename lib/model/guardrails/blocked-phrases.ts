// blocked_phrases: words or phrases that must not appear, compared as whole words after folding case, accents and
// punctuation ("Lawsuit!", "LAWSUIT", "láwsuit" all match "lawsuit"; "lawsuits" does not, "grass" never matches
// "ass"). `topic:<name>` expands to a built-in lexicon (topic-lexicons.ts); a trailing "*" matches word endings.
import { tokenize, type Token } from "./fold-text";
import { guardrailConfigError, type GuardrailDecision, type GuardrailFinding } from "./guardrail-decision";
import { TOPIC_LEXICONS, TOPIC_NAMES } from "./topic-lexicons";

type Phrase = { source: string; words: string[]; prefixLast: boolean };

// Phrases indexed by their first word; single-word stems ("diagnos*") are few and kept apart.
type CompiledPhrases = { byFirstWord: Map<string, Phrase[]>; stems: Phrase[] };

const compiledCache = new Map<string, CompiledPhrases>();

/** Expands topics and folds phrases once per distinct phrase list; throws on an unknown topic. */
export function compileBlockedPhrases(phrases: readonly string[]): CompiledPhrases {
  const key = JSON.stringify(phrases);
  const cached = compiledCache.get(key);
  if (cached) return cached;
  const byFirstWord = new Map<string, Phrase[]>();
  const stems: Phrase[] = [];
  const add = (raw: string, source: string) => {
    const prefixLast = raw.trim().endsWith("*");
    const words = tokenize(raw.replace(/\*\s*$/, "")).map((t) => t.text);
    if (words.length === 0) return;
    if (prefixLast && words.length === 1) {
      stems.push({ source, words, prefixLast });
      return;
    }
    const list = byFirstWord.get(words[0]) ?? [];
    list.push({ source, words, prefixLast });
    byFirstWord.set(words[0], list);
  };
  for (const entry of phrases) {
    const topic = /^\s*topic:\s*([a-z_]+)\s*$/i.exec(entry);
    if (topic) {
      const lexicon = TOPIC_LEXICONS[topic[1].toLowerCase()];
      if (!lexicon) throw guardrailConfigError(`Unknown topic "${topic[1]}". Known topics: ${TOPIC_NAMES.join(", ")}.`);
      for (const phrase of lexicon) add(phrase, `topic:${topic[1].toLowerCase()}`);
    } else {
      add(entry, entry.trim());
    }
  }
  const compiled = { byFirstWord, stems };
  if (compiledCache.size > 200) compiledCache.clear();
  compiledCache.set(key, compiled);
  return compiled;
}

export function checkBlockedPhrases(text: string, phrases: readonly string[]): GuardrailDecision {
  const policy = "blocked_phrases";
  const { byFirstWord, stems } = compileBlockedPhrases(phrases);
  const tokens = tokenize(text);
  const findings: GuardrailFinding[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = [
      ...(byFirstWord.get(tokens[i].text) ?? []),
      ...stems.filter((s) => tokens[i].text.startsWith(s.words[0])),
    ];
    // Longest phrase first, so "sue your company" is reported rather than a shorter entry inside it.
    candidates.sort((a, b) => b.words.length - a.words.length);
    for (const phrase of candidates) {
      const end = matchAt(tokens, i, phrase);
      if (end < 0) continue;
      findings.push({
        type: phrase.source.startsWith("topic:") ? phrase.source : "phrase",
        detail: phrase.source.startsWith("topic:") ? phrase.words.join(" ") : phrase.source,
        span: [tokens[i].start, tokens[end].end],
      });
      break;
    }
  }
  if (findings.length === 0) return { policy, outcome: "pass", reason: "No blocked phrase found.", findings };
  const first = findings[0];
  return {
    policy,
    outcome: "block",
    reason: `Blocked ${first.type === "phrase" ? `phrase "${first.detail}"` : `${first.type} ("${first.detail}")`} found${findings.length > 1 ? ` and ${findings.length - 1} more` : ""}.`,
    findings,
  };
}

function matchAt(tokens: Token[], i: number, phrase: Phrase): number {
  const { words, prefixLast } = phrase;
  if (i + words.length > tokens.length) return -1;
  for (let k = 0; k < words.length; k++) {
    const token = tokens[i + k].text;
    const last = k === words.length - 1;
    if (last && prefixLast ? !token.startsWith(words[k]) : token !== words[k]) return -1;
  }
  return i + words.length - 1;
}
