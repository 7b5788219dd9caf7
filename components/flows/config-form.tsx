// A form generated from a node kind's zod config schema (via z.toJSONSchema): strings, multi-line text for
// prompts and templates, numbers with min/max, booleans, enums as selects, multi-choice enums as checkboxes,
// arrays of strings and of objects with add/remove, optional objects behind a switch. Inline errors come from
// validateFlow issues whose path points at the field.
"use client";
import { clsx } from "clsx";
import { Plus, Trash2 } from "lucide-react";
import { useContext, useEffect, useId, useState } from "react";
import { z } from "zod";
import { buttonClass, inputClass, selectClass } from "@/components/ui/button";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";
import { FieldSuggestions } from "./field-suggestions";

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: (string | number)[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  anyOf?: JsonSchema[];
  description?: string;
};

const schemaCache = new Map<NodeKind, JsonSchema>();

export function configJsonSchema(kind: NodeKind): JsonSchema {
  let schema = schemaCache.get(kind);
  if (!schema) {
    schema = z.toJSONSchema(NODE_KINDS[kind].configSchema as z.ZodType, {
      io: "input",
      unrepresentable: "any",
    }) as JsonSchema;
    schemaCache.set(kind, schema);
  }
  return schema;
}

const MULTILINE = new Set([
  "systemPrompt",
  "reply",
  "template",
  "message",
  "greeting",
  "prompt",
  "description",
  "rule",
  "responseMap",
  "expression",
  "value",
]);
const LABELS: Record<string, string> = {
  systemPrompt: "System prompt",
  maxTurns: "Max turns",
  fallbackModel: "Fallback model",
  timeoutMs: "Timeout (ms)",
  slaMinutes: "SLA (minutes)",
  responseMap: "Response mapping",
  sideEffect: "Changes data (side effect)",
  onViolation: "On violation",
  approverRole: "Approver role",
  toolNodeId: "Tool node id",
  flowSlug: "Flow slug",
  pass: "Pass state keys",
  builtin: "Built-in tool",
  http: "HTTP request",
  mcp: "MCP tool",
  url: "URL",
  handoff: "Handoff endpoint",
  cardUrl: "Agent card URL",
  skill: "Skill id (optional)",
  replyToCustomer: "Say the answer to the customer",
  outputKey: "Store the answer in state key",
  id: "Id",
  n: "N",
};

export function humanize(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function singular(label: string): string {
  if (label.endsWith("ies")) return `${label.slice(0, -3)}y`;
  if (label.endsWith("ches") || label.endsWith("xes")) return label.slice(0, -2);
  if (label.endsWith("s")) return label.slice(0, -1);
  return label;
}

function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) {
    const nonNull = schema.anyOf.find((s) => s.type !== "null");
    return nonNull ? typeOf(nonNull) : "null";
  }
  return Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") ?? "string") : (schema.type ?? "string");
}

/** A sensible value for a freshly added item or a switched-on optional object. */
export function defaultFor(schema: JsonSchema, index = 0): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.enum?.length) return schema.enum[0];
  switch (typeOf(schema)) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (prop.default !== undefined || schema.required?.includes(key)) {
          out[key] = key === "id" && typeOf(prop) === "string" ? `item_${index + 1}` : defaultFor(prop, index);
        }
      }
      return out;
    }
    case "array":
      return [];
    case "number":
    case "integer":
      return schema.minimum ?? 0;
    case "boolean":
      return false;
    default:
      return "";
  }
}

export type FieldIssues = Map<string, string[]>;
const COLLAPSE_ABOVE = 6;
export const pathKey = (path: (string | number)[]) => path.join(".");

type FieldProps = {
  name: string;
  label: string;
  schema: JsonSchema;
  value: unknown;
  path: (string | number)[];
  required: boolean;
  issues: FieldIssues;
  onChange: (path: (string | number)[], value: unknown) => void;
  idPrefix: string;
};

function FieldErrors({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-xs text-rose-700" data-testid="field-error">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

function NumberInput({
  id,
  value,
  schema,
  onCommit,
  invalid,
  describedBy,
}: {
  id: string;
  value: unknown;
  schema: JsonSchema;
  onCommit: (v: number | undefined) => void;
  invalid: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState(value === undefined || value === null ? "" : String(value));
  useEffect(() => {
    setText((current) =>
      Number(current) === value && current !== ""
        ? current
        : value === undefined || value === null
          ? ""
          : String(value),
    );
  }, [value]);
  const integer = typeOf(schema) === "integer";
  return (
    <input
      id={id}
      type="number"
      inputMode={integer ? "numeric" : "decimal"}
      step={integer ? 1 : "any"}
      min={schema.minimum}
      max={schema.maximum}
      value={text}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === "") return onCommit(undefined);
        const n = Number(e.target.value);
        if (Number.isFinite(n)) onCommit(n);
      }}
      className={inputClass}
    />
  );
}

function LinesTextarea({
  id,
  value,
  onCommit,
  describedBy,
  invalid,
}: {
  id: string;
  value: string[];
  onCommit: (v: string[]) => void;
  describedBy?: string;
  invalid: boolean;
}) {
  const joined = value.join("\n");
  const [text, setText] = useState(joined);
  useEffect(() => {
    setText((current) =>
      current
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .join("\n") === joined
        ? current
        : joined,
    );
  }, [joined]);
  return (
    <textarea
      id={id}
      rows={Math.min(10, Math.max(3, value.length + 1))}
      value={text}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        onCommit(
          e.target.value
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean),
        );
      }}
      className={clsx(inputClass, "font-mono text-xs")}
    />
  );
}

function Field(props: FieldProps) {
  const { name, label, schema, value, path, required, issues, onChange, idPrefix } = props;
  const suggestions = useContext(FieldSuggestions)[name];
  const id = `${idPrefix}-${pathKey(path)}`;
  const errorId = `${id}-error`;
  const messages = issues.get(pathKey(path));
  const invalid = !!messages?.length;
  const describedBy = invalid ? errorId : undefined;
  const type = typeOf(schema);
  const labelEl = (
    <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
      {label}
      {!required && schema.default === undefined ? (
        <span className="font-normal text-slate-400"> (optional)</span>
      ) : null}
    </label>
  );

  if (type === "boolean") {
    return (
      <div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(path, e.target.checked)}
            className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-500"
            aria-describedby={describedBy}
          />
          {label}
        </label>
        <FieldErrors id={errorId} messages={messages} />
      </div>
    );
  }

  if (schema.enum && type !== "array") {
    return (
      <div>
        {labelEl}
        <select
          id={id}
          value={value === undefined || value === null ? "" : String(value)}
          onChange={(e) => onChange(path, e.target.value === "" ? undefined : e.target.value)}
          className={clsx(selectClass, "w-full")}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        >
          {!required && schema.default === undefined ? <option value="">— none —</option> : null}
          {schema.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option).replace(/_/g, " ")}
            </option>
          ))}
        </select>
        <FieldErrors id={errorId} messages={messages} />
      </div>
    );
  }

  if (type === "number" || type === "integer") {
    return (
      <div>
        {labelEl}
        <NumberInput
          id={id}
          value={value}
          schema={schema}
          onCommit={(v) => onChange(path, v)}
          invalid={invalid}
          describedBy={describedBy}
        />
        {schema.minimum !== undefined || schema.maximum !== undefined ? (
          <p className="mt-0.5 text-[11px] text-slate-500">
            {schema.minimum !== undefined && schema.maximum !== undefined
              ? `Between ${schema.minimum} and ${schema.maximum}.`
              : schema.minimum !== undefined
                ? `At least ${schema.minimum}.`
                : `At most ${schema.maximum}.`}
          </p>
        ) : null}
        <FieldErrors id={errorId} messages={messages} />
      </div>
    );
  }

  if (type === "array") {
    const items = Array.isArray(value) ? value : [];
    const itemSchema = schema.items ?? { type: "string" };
    const itemType = typeOf(itemSchema);
    if (itemSchema.enum) {
      // Multiple choice from a fixed set: checkboxes.
      return (
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-700">{label}</legend>
          <div className="flex flex-wrap gap-3">
            {itemSchema.enum.map((option) => {
              const checked = items.includes(option);
              return (
                <label key={String(option)} className="flex items-center gap-1.5 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={() => onChange(path, checked ? items.filter((i) => i !== option) : [...items, option])}
                    className="size-4 rounded border-slate-300 text-indigo-600"
                  />
                  {String(option)}
                </label>
              );
            })}
          </div>
          <FieldErrors id={errorId} messages={messages} />
        </fieldset>
      );
    }
    if (itemType === "string" && (schema.maxItems ?? 0) > 200) {
      return (
        <div>
          <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
            {label} <span className="font-normal text-slate-400">(one per line · {items.length})</span>
          </label>
          <LinesTextarea
            id={id}
            value={items.map(String)}
            onCommit={(v) => onChange(path, v)}
            describedBy={describedBy}
            invalid={invalid}
          />
          <FieldErrors id={errorId} messages={messages} />
        </div>
      );
    }
    const itemLabel = singular(label);
    const full = schema.maxItems !== undefined && items.length >= schema.maxItems;
    return (
      <fieldset className="rounded-md border border-slate-200 p-2">
        <legend className="px-1 text-xs font-medium text-slate-700">
          {label} <span className="font-normal text-slate-400">({items.length})</span>
        </legend>
        <div className="space-y-2">
          {items.map((item, index) => {
            const itemPath = [...path, index];
            const remove = (
              <button
                type="button"
                onClick={() =>
                  onChange(
                    path,
                    items.filter((_, i) => i !== index),
                  )
                }
                className={buttonClass("ghost", "sm", "!h-7 !px-1.5 text-slate-500 hover:text-rose-700")}
                aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
              >
                <Trash2 aria-hidden className="size-3.5" />
              </button>
            );
            if (itemType === "object" && items.length > COLLAPSE_ABOVE) {
              // Long lists (a 77-route router) stay usable: one line per item until opened.
              const name = (item as { label?: unknown; name?: unknown; key?: unknown; id?: unknown }) ?? {};
              const title = String(name.label ?? name.name ?? name.key ?? name.id ?? "");
              return (
                <details
                  key={index}
                  open={[...issues.keys()].some((k) => k.startsWith(`${pathKey(itemPath)}.`)) || undefined}
                  className="rounded-md bg-slate-50 ring-1 ring-slate-200"
                >
                  <summary className="flex cursor-pointer items-center gap-2 px-2 py-1 text-xs font-semibold text-slate-600">
                    <span className="min-w-0 flex-1 truncate">
                      {itemLabel} {index + 1}
                      {title ? <span className="font-normal text-slate-500"> · {title}</span> : null}
                    </span>
                    {remove}
                  </summary>
                  <div className="p-2 pt-0">
                    <ObjectFields
                      schema={itemSchema}
                      value={item}
                      path={itemPath}
                      issues={issues}
                      onChange={onChange}
                      idPrefix={idPrefix}
                    />
                  </div>
                </details>
              );
            }
            if (itemType === "object") {
              return (
                <div key={index} className="rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
                  <div className="mb-1 flex items-center justify-between">
                    <span className="text-xs font-semibold text-slate-600">
                      {itemLabel} {index + 1}
                    </span>
                    {remove}
                  </div>
                  <ObjectFields
                    schema={itemSchema}
                    value={item}
                    path={itemPath}
                    issues={issues}
                    onChange={onChange}
                    idPrefix={idPrefix}
                  />
                </div>
              );
            }
            const itemId = `${idPrefix}-${pathKey(itemPath)}`;
            const itemMessages = issues.get(pathKey(itemPath));
            return (
              <div key={index}>
                <div className="flex items-center gap-1">
                  <label htmlFor={itemId} className="sr-only">
                    {itemLabel} {index + 1}
                  </label>
                  <input
                    id={itemId}
                    value={String(item ?? "")}
                    onChange={(e) => onChange(itemPath, e.target.value)}
                    className={inputClass}
                    aria-invalid={itemMessages?.length ? true : undefined}
                  />
                  {remove}
                </div>
                <FieldErrors id={`${itemId}-error`} messages={itemMessages} />
              </div>
            );
          })}
        </div>
        <button
          type="button"
          disabled={full}
          onClick={() => onChange(path, [...items, defaultFor(itemSchema, items.length)])}
          className={buttonClass("ghost", "sm", "mt-1.5 text-indigo-700")}
        >
          <Plus aria-hidden className="size-3.5" />
          Add {itemLabel.toLowerCase()}
        </button>
        <FieldErrors id={errorId} messages={messages} />
      </fieldset>
    );
  }

  if (type === "object") {
    const present = value !== undefined && value !== null;
    return (
      <fieldset className="rounded-md border border-slate-200 p-2">
        <legend className="px-1 text-xs font-medium text-slate-700">{label}</legend>
        {!required ? (
          <label className="mb-2 flex items-center gap-2 text-xs text-slate-600">
            <input
              type="checkbox"
              checked={present}
              onChange={(e) => onChange(path, e.target.checked ? defaultFor(schema) : undefined)}
              className="size-4 rounded border-slate-300 text-indigo-600"
            />
            Configure {label.toLowerCase()}
          </label>
        ) : null}
        {present ? (
          <ObjectFields
            schema={schema}
            value={value}
            path={path}
            issues={issues}
            onChange={onChange}
            idPrefix={idPrefix}
          />
        ) : null}
        <FieldErrors id={errorId} messages={messages} />
      </fieldset>
    );
  }

  // Strings.
  const multiline = MULTILINE.has(name) || (schema.maxLength ?? 0) >= 1000;
  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
  return (
    <div>
      {labelEl}
      {multiline ? (
        <textarea
          id={id}
          value={text}
          rows={name === "systemPrompt" ? 6 : 3}
          maxLength={schema.maxLength}
          onChange={(e) => onChange(path, e.target.value)}
          className={clsx(inputClass, "text-[13px]")}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        />
      ) : (
        <input
          id={id}
          value={text}
          maxLength={schema.maxLength}
          onChange={(e) => onChange(path, e.target.value)}
          className={inputClass}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          spellCheck={name === "id" ? false : undefined}
          list={suggestions ? `${id}-options` : undefined}
        />
      )}
      {suggestions && !multiline ? (
        <datalist id={`${id}-options`}>
          {suggestions.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
      ) : null}
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
}

export function ObjectFields({
  schema,
  value,
  path,
  issues,
  onChange,
  idPrefix,
}: {
  schema: JsonSchema;
  value: unknown;
  path: (string | number)[];
  issues: FieldIssues;
  onChange: (path: (string | number)[], value: unknown) => void;
  idPrefix: string;
}) {
  const obj = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  return (
    <div className="space-y-3">
      {Object.entries(schema.properties ?? {}).map(([key, prop]) => (
        <Field
          key={key}
          name={key}
          label={humanize(key)}
          schema={prop}
          value={obj[key]}
          path={[...path, key]}
          required={!!schema.required?.includes(key)}
          issues={issues}
          onChange={onChange}
          idPrefix={idPrefix}
        />
      ))}
    </div>
  );
}

export function ConfigForm({
  kind,
  config,
  issues,
  onChange,
}: {
  kind: NodeKind;
  config: unknown;
  issues: FieldIssues;
  onChange: (path: (string | number)[], value: unknown) => void;
}) {
  const idPrefix = useId().replace(/:/g, "");
  return (
    <ObjectFields
      schema={configJsonSchema(kind)}
      value={config}
      path={[]}
      issues={issues}
      onChange={onChange}
      idPrefix={idPrefix}
    />
  );
}
