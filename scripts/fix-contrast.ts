// Raises Tailwind text colours that miss WCAG 2.2 AA contrast (4.5:1) to the nearest darker shade of the same hue
// that meets it, over components/ and app/. A class string's own `bg-*` is the background it is checked against;
// without one, both the console's surfaces (white cards, the slate-50 page). Light text on a dark background, colours
// with an opacity and `disabled:` variants (exempt from the criterion) are left alone and listed for a person.
// Run: `npx tsx scripts/fix-contrast.ts` (add `--check` to only list what it would change; exits 1 if anything).
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOTS = ["components", "app"];
const MIN_CONTRAST = 4.5;
const SHADES = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950];
const DEFAULT_BACKGROUNDS = ["white", "slate-50"];
const SKIPPED_VARIANTS = new Set(["disabled", "dark", "group-disabled", "peer-disabled"]);

type Rgb = [number, number, number];

/** Tailwind's palette (`--color-<hue>-<shade>: oklch(L% C H)`) as linear-light sRGB. */
function loadPalette(): Map<string, Rgb> {
  const css = readFileSync(path.join("node_modules", "tailwindcss", "theme.css"), "utf8");
  const palette = new Map<string, Rgb>([
    ["white", [1, 1, 1]],
    ["black", [0, 0, 0]],
  ]);
  for (const m of css.matchAll(/--color-([a-z]+-\d+):\s*oklch\(([\d.]+)%\s+([\d.]+)\s+([\d.]+)\)/g)) {
    palette.set(m[1], oklchToLinearRgb(Number(m[2]) / 100, Number(m[3]), Number(m[4])));
  }
  return palette;
}

function oklchToLinearRgb(l: number, c: number, hDeg: number): Rgb {
  const h = (hDeg * Math.PI) / 180;
  const a = c * Math.cos(h);
  const b = c * Math.sin(h);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return [
    clamp(4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_),
    clamp(-1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_),
    clamp(-0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_),
  ];
}

// Gamut clamping happens in linear light; WCAG's luminance is defined on the 8-bit sRGB value, so round-trip it.
function luminance([r, g, b]: Rgb): number {
  const channel = (linear: number) => {
    const encoded = Math.round(255 * (linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055));
    const s = encoded / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.(tsx|ts)$/.test(name) ? [full] : [];
  });
}

const palette = loadPalette();
const checkOnly = process.argv.includes("--check");
const changes: string[] = [];
const leftAlone: string[] = [];

/** The darker shade of `colour` (e.g. slate-400) that reads on every background, or null if it already does. */
function raise(colour: string, backgrounds: string[]): string | null {
  const [hue, shade] = [colour.replace(/-\d+$/, ""), Number(colour.replace(/^.*-/, ""))];
  const passes = (c: string) => backgrounds.every((bg) => contrast(palette.get(c)!, palette.get(bg)!) >= MIN_CONTRAST);
  if (passes(colour)) return null;
  for (const next of SHADES.filter((s) => s > shade)) {
    const candidate = `${hue}-${next}`;
    if (palette.has(candidate) && passes(candidate)) return candidate;
  }
  return null;
}

function fixClassString(literal: string, where: string): string {
  const tokens = literal.split(/(\s+)/);
  const bgs = tokens.filter((t) => /^bg-[a-z]+-\d+$/.test(t)).map((t) => t.slice(3));
  const backgrounds = bgs.length ? bgs : DEFAULT_BACKGROUNDS;
  return tokens
    .map((token) => {
      const m = /^((?:[a-z-]+:)*)text-([a-z]+-\d+)(\/\d+)?$/.exec(token);
      if (!m || !palette.has(m[2])) return token;
      const [, variants, colour, opacity] = m;
      if (variants.split(":").some((v) => SKIPPED_VARIANTS.has(v))) return token;
      const textLum = luminance(palette.get(colour)!);
      const lighterThanBackground = backgrounds.some((bg) => textLum > luminance(palette.get(bg)!));
      const failing = backgrounds.some((bg) => contrast(palette.get(colour)!, palette.get(bg)!) < MIN_CONTRAST);
      if (!failing) return token;
      if (opacity || lighterThanBackground) {
        leftAlone.push(`${where}: ${token} on ${backgrounds.join("/")}`);
        return token;
      }
      const next = raise(colour, backgrounds);
      if (!next) {
        leftAlone.push(`${where}: ${token} on ${backgrounds.join("/")} (no darker shade reads)`);
        return token;
      }
      const replacement = `${variants}text-${next}${opacity ?? ""}`;
      changes.push(`${where}: ${token} -> ${replacement} (on ${backgrounds.join("/")})`);
      return replacement;
    })
    .join("");
}

for (const file of ROOTS.flatMap(files)) {
  const source = readFileSync(file, "utf8");
  const lines = source.split("\n");
  const fixed = lines.map((line, i) =>
    line.replace(/(["'`])([^"'`]*\btext-[a-z]+-\d+[^"'`]*)\1/g, (_all, quote: string, body: string) => {
      return `${quote}${fixClassString(body, `${file}:${i + 1}`)}${quote}`;
    }),
  );
  const next = fixed.join("\n");
  if (next !== source && !checkOnly) writeFileSync(file, next);
}

console.log(changes.length ? changes.join("\n") : "No text colour below 4.5:1.");
if (leftAlone.length) console.log(`\nLeft for a person:\n${leftAlone.join("\n")}`);
if (checkOnly && changes.length) process.exit(1);
