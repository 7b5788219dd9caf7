// prompt_injection: a deterministic heuristic scorer for customer messages and tool results. Each signal has a
// weight; the score combines them as independent evidence (1 − Π(1 − w)), so one strong signal or several weak ones
// cross the threshold, and a lone weak one does not. Deterministic on purpose: the same text always gets the same
// verdict, which makes false positives reproducible and fixable with a test.
import type { GuardrailDecision } from "./guardrail-decision";
import { foldForInjection, phraseSignals, type InjectionSignal } from "./injection-signals";

export type PromptInjectionOptions = {
  /** Block when score ≥ threshold. Default 0.5. */
  threshold?: number;
  /** Characters examined; the default keeps a hostile 10 MB tool result from costing more than a few milliseconds. */
  maxScanChars?: number;
};

export type PromptInjectionDecision = GuardrailDecision & { score: number; signals: InjectionSignal[] };

export const DEFAULT_INJECTION_THRESHOLD = 0.5;
const DEFAULT_MAX_SCAN = 100_000;
const MAX_BLOBS = 20;

const ZERO_WIDTH = /[\u200B\u200C\u2060-\u2064\uFEFF\u00AD\u180E]/gu;
// ZWJ is legitimate between emoji (👨‍👩‍👧); elsewhere it is just another invisible character.
// The class pairs emoji with skin-tone modifiers and the emoji variation selector on purpose.
const STRAY_ZWJ =
  // eslint-disable-next-line no-misleading-character-class
  /(?<![\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F])\u200D|\u200D(?![\p{Extended_Pictographic}])/gu;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/gu;
// Unicode "tag" characters mirror ASCII invisibly; used to smuggle whole instructions ("ASCII smuggling").
const TAGS = /[\u{E0020}-\u{E007E}]+/gu;
const HTML_COMMENT = /<!--([\s\S]{0,4000}?)-->/g;
const HIDDEN_STYLE =
  /<[a-z][^>]{0,300}?style\s*=\s*["'][^"']{0,300}?(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9])|color\s*:\s*(?:#fff(?:fff)?|white)\b)[^>]{0,300}>([\s\S]{0,4000}?)<\//gi;
const HIDDEN_ATTR = /<[a-z][^>]{0,300}?\s(?:hidden|aria-hidden\s*=\s*["']true["'])[^>]{0,300}>([\s\S]{0,4000}?)<\//gi;
const MARKDOWN_COMMENT = /(?:^|\n)\s*\[\/\/\]:\s*#\s*\(([^)\n]{0,2000})\)/g;
const MARKDOWN_EXFIL = /!\[[^\]\n]{0,200}\]\(\s*https?:\/\/[^)\s]{0,500}\?[^)\s]{0,500}=[^)\s]{0,500}\)/gi;
const BASE64_BLOB = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{20,}={0,2}(?![A-Za-z0-9+/=])/g;
const HEX_BLOB = /(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}){12,}(?![0-9a-fA-F])|(?:\\x[0-9a-fA-F]{2}){8,}/g;

export function checkPromptInjection(text: string, options: PromptInjectionOptions = {}): PromptInjectionDecision {
  const threshold = options.threshold ?? DEFAULT_INJECTION_THRESHOLD;
  const scanned =
    text.length > (options.maxScanChars ?? DEFAULT_MAX_SCAN)
      ? text.slice(0, options.maxScanChars ?? DEFAULT_MAX_SCAN)
      : text;
  const signals = [
    ...phraseSignals(foldForInjection(scanned)),
    ...invisibleSignals(scanned),
    ...hiddenContentSignals(scanned),
    ...encodedSignals(scanned),
  ];

  // Each kind of evidence counts once, at its strongest.
  const strongest = new Map<string, InjectionSignal>();
  for (const signal of signals) {
    const seen = strongest.get(signal.name);
    if (!seen || seen.weight < signal.weight) strongest.set(signal.name, signal);
  }
  const distinct = [...strongest.values()].sort((a, b) => b.weight - a.weight);
  const score = Math.round((1 - distinct.reduce((p, s) => p * (1 - s.weight), 1)) * 1000) / 1000;
  const findings = distinct.map((s) => ({ type: s.name, detail: s.detail }));
  const named = distinct
    .slice(0, 3)
    .map((s) => s.name)
    .join(", ");
  if (score >= threshold) {
    return {
      policy: "prompt_injection",
      outcome: "block",
      reason: `Likely prompt injection (score ${score} ≥ ${threshold}: ${named}).`,
      findings,
      score,
      signals: distinct,
    };
  }
  return {
    policy: "prompt_injection",
    outcome: "pass",
    reason: distinct.length
      ? `Below threshold (score ${score} < ${threshold}: ${named}).`
      : "No prompt-injection signals.",
    findings,
    score,
    signals: distinct,
  };
}

function invisibleSignals(text: string): InjectionSignal[] {
  const signals: InjectionSignal[] = [];
  const zeroWidth = (text.match(ZERO_WIDTH)?.length ?? 0) + (text.match(STRAY_ZWJ)?.length ?? 0);
  if (zeroWidth > 0)
    signals.push({ name: "zero_width_characters", weight: 0.3, detail: `${zeroWidth} zero-width character(s)` });
  const bidi = text.match(BIDI)?.length ?? 0;
  if (bidi > 0)
    signals.push({ name: "bidi_control_characters", weight: 0.45, detail: `${bidi} bidi control character(s)` });
  for (const m of text.matchAll(TAGS)) {
    const hidden = [...m[0]].map((c) => String.fromCharCode(c.codePointAt(0)! - 0xe0000)).join("");
    signals.push({ name: "tag_characters", weight: 0.7, detail: `hidden text ${JSON.stringify(hidden.slice(0, 60))}` });
    if (phraseSignals(foldForInjection(hidden)).some((s) => s.weight >= 0.3)) {
      signals.push({
        name: "hidden_instructions",
        weight: 0.9,
        detail: `in tag characters: ${JSON.stringify(hidden.slice(0, 60))}`,
      });
    }
    break;
  }
  return signals;
}

// Content a human reader of a web page, e-mail or document would not see but a model would: the classic vehicle
// for indirect injection through tool results.
function hiddenContentSignals(text: string): InjectionSignal[] {
  if (!/[<[]/.test(text)) return [];
  const signals: InjectionSignal[] = [];
  const hidden: { where: string; content: string }[] = [];
  for (const m of text.matchAll(HTML_COMMENT)) hidden.push({ where: "HTML comment", content: m[1] });
  for (const m of text.matchAll(HIDDEN_STYLE)) hidden.push({ where: "hidden element", content: m[1] });
  for (const m of text.matchAll(HIDDEN_ATTR)) hidden.push({ where: "hidden element", content: m[1] });
  for (const m of text.matchAll(MARKDOWN_COMMENT)) hidden.push({ where: "markdown comment", content: m[1] });
  for (const { where, content } of hidden) {
    if (!/\p{L}{2,}\s+\p{L}{2,}/u.test(content)) continue;
    signals.push({
      name: "hidden_text",
      weight: 0.3,
      detail: `${where}: ${JSON.stringify(content.trim().slice(0, 60))}`,
    });
    if (phraseSignals(foldForInjection(content)).some((s) => s.weight >= 0.3)) {
      signals.push({
        name: "hidden_instructions",
        weight: 0.9,
        detail: `${where}: ${JSON.stringify(content.trim().slice(0, 60))}`,
      });
    }
  }
  const exfil = MARKDOWN_EXFIL.exec(text);
  MARKDOWN_EXFIL.lastIndex = 0;
  if (exfil) signals.push({ name: "markdown_exfiltration", weight: 0.45, detail: exfil[0].slice(0, 80) });
  return signals;
}

// Instructions hidden in base64 or hex. Only blobs that decode to mostly printable text are examined, and only a
// handful of them, so long opaque tokens (JWTs, ids) cost little and never count by themselves.
function encodedSignals(text: string): InjectionSignal[] {
  const signals: InjectionSignal[] = [];
  let examined = 0;
  const inspect = (decoded: string | null, encoding: string) => {
    if (!decoded || !isMostlyPrintable(decoded)) return;
    const inner = phraseSignals(foldForInjection(decoded)).filter((s) => s.weight >= 0.3);
    if (inner.length) {
      signals.push({
        name: "encoded_instructions",
        weight: 0.85,
        detail: `${encoding}: ${JSON.stringify(decoded.slice(0, 60))} (${inner[0].name})`,
      });
    }
  };
  for (const m of text.matchAll(BASE64_BLOB)) {
    if (examined++ >= MAX_BLOBS) break;
    inspect(decodeBase64(m[0]), "base64");
  }
  for (const m of text.matchAll(HEX_BLOB)) {
    if (examined++ >= MAX_BLOBS) break;
    inspect(decodeHex(m[0].replace(/\\x/g, "")), "hex");
  }
  return signals;
}

// atob/TextDecoder rather than Buffer so the module stays usable outside Node.
function decodeBase64(blob: string): string | null {
  if (blob.length > 40_000) return null;
  try {
    const binary = atob(blob.replace(/=+$/, ""));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

function decodeHex(blob: string): string | null {
  if (blob.length > 40_000 || blob.length % 2 !== 0) return null;
  const bytes = new Uint8Array(blob.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(blob.slice(i * 2, i * 2 + 2), 16);
  return new TextDecoder().decode(bytes);
}

function isMostlyPrintable(text: string): boolean {
  if (text.length < 8) return false;
  let printable = 0;
  for (const char of text) if (/[\p{L}\p{N}\p{P}\p{Zs}\n]/u.test(char)) printable++;
  return printable / [...text].length >= 0.9;
}
