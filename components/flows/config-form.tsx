// A form generated from a node kind's zod config schema (via z.toJSONSchema): strings, multi-line text for
// prompts and templates, numbers with min/max, booleans, enums as selects, multi-choice enums as checkboxes,
// arrays of strings and of objects with add/remove, optional objects behind a switch. Inline errors come from
// validateFlow issues whose path points at the field.
"use client";
import { Plus, Trash2 } from "lucide-react";
import { useContext, useId, useMemo } from "react";
import { buttonClass, inputClass } from "@/components/ui/button";
import { NODE_KINDS } from "@/lib/model/flow/registry";
import type { NodeKind } from "@/lib/model/flow/schema";
import { ConfigModes, configModeView, shownFields } from "./config-modes";
import { FieldErrors, type FieldAria, type FieldProps } from "./config-inputs";
import { BooleanField, ChoiceListField, EnumField, LinesField, NumberField, StringField } from "./config-leaf-fields";
import {
  configJsonSchema,
  defaultFor,
  humanize,
  pathKey,
  singular,
  typeOf,
  type FieldIssues,
  type JsonSchema,
} from "./config-schema";

const COLLAPSE_ABOVE = 6;

function Field(props: FieldProps) {
  const { schema, path, issues, idPrefix } = props;
  const id = `${idPrefix}-${pathKey(path)}`;
  const errorId = `${id}-error`;
  const messages = issues.get(pathKey(path));
  const invalid = !!messages?.length;
  const aria: FieldAria = { id, errorId, messages, invalid, describedBy: invalid ? errorId : undefined };
  const type = typeOf(schema);

  if (type === "boolean") return <BooleanField {...props} {...aria} />;
  if (schema.enum && type !== "array") return <EnumField {...props} {...aria} />;
  if (type === "number" || type === "integer") return <NumberField {...props} {...aria} />;
  if (type === "array") {
    const itemSchema = schema.items ?? { type: "string" };
    // Multiple choice from a fixed set: checkboxes.
    if (itemSchema.enum) return <ChoiceListField {...props} {...aria} />;
    if (typeOf(itemSchema) === "string" && (schema.maxItems ?? 0) > 200) return <LinesField {...props} {...aria} />;
    return <ListField {...props} {...aria} />;
  }
  if (type === "object") return <OptionalObjectField {...props} {...aria} />;
  // Strings.
  return <StringField {...props} {...aria} />;
}

/** An array with add/remove: objects as cards (collapsed when there are many), strings as inputs. */
function ListField(props: FieldProps & FieldAria) {
  const { label, schema, value, path, issues, onChange, idPrefix, errorId, messages } = props;
  const items = Array.isArray(value) ? value : [];
  const itemSchema = schema.items ?? { type: "string" };
  const itemType = typeOf(itemSchema);
  const itemLabel = singular(label);
  const full = schema.maxItems !== undefined && items.length >= schema.maxItems;
  return (
    <fieldset className="rounded-md border border-slate-200 p-2">
      <legend className="px-1 text-xs font-medium text-slate-700">
        {label} <span className="font-normal text-slate-500">({items.length})</span>
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

/** An object field; an optional one is behind a switch. */
function OptionalObjectField(props: FieldProps & FieldAria) {
  const { label, schema, value, path, required, issues, onChange, idPrefix, errorId, messages } = props;
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
  const modes = useContext(ConfigModes);
  return (
    <div className="space-y-3">
      {shownFields(schema, path, modes).map(([key, prop]) => (
        <Field
          key={key}
          name={key}
          label={modes.label([...path, key]) ?? humanize(key)}
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
  const modes = useMemo(() => configModeView(NODE_KINDS[kind].modes, config), [kind, config]);
  return (
    <ConfigModes.Provider value={modes}>
      <ObjectFields
        schema={configJsonSchema(kind)}
        value={config}
        path={[]}
        issues={issues}
        onChange={onChange}
        idPrefix={idPrefix}
      />
    </ConfigModes.Provider>
  );
}
