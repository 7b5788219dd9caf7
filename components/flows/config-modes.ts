// Which of a node's settings the config form shows: those its current mode reads (the registry's per-mode field
// sets), under the names that mode gives them, with the mode picker's and built-in tools' options named for people.
"use client";
import { createContext } from "react";
import type { JsonSchema } from "./config-schema";
import { labelWithName } from "@/lib/model/flow/flow-names";
import { fieldApplies, fieldKey, modeFieldLabel, type NodeModes } from "@/lib/model/flow/node-modes";
import { BUILTIN_TOOLS, type BuiltinToolName } from "@/lib/model/tools/catalog";

export type ConfigModeView = {
  applies: (path: readonly (string | number)[]) => boolean;
  label: (path: readonly (string | number)[]) => string | undefined;
  optionLabel: (path: readonly (string | number)[], option: string) => string | undefined;
};

/** A built-in tool reads as its label with the name traces and eval cases use: "Look up order (lookup_order)". */
const builtinLabel = (option: string) =>
  Object.hasOwn(BUILTIN_TOOLS, option)
    ? labelWithName({ name: option, label: BUILTIN_TOOLS[option as BuiltinToolName].label })
    : undefined;

export const ALL_FIELDS: ConfigModeView = {
  applies: () => true,
  label: () => undefined,
  optionLabel: (_, option) => builtinLabel(option),
};

export function configModeView(modes: NodeModes | undefined, config: unknown): ConfigModeView {
  if (!modes) return ALL_FIELDS;
  return {
    applies: (path) => fieldApplies(modes, config, path),
    label: (path) => modeFieldLabel(modes, config, path),
    optionLabel: (path, option) => (fieldKey(path) === modes.field ? modes.modes[option]?.label : builtinLabel(option)),
  };
}

export const ConfigModes = createContext<ConfigModeView>(ALL_FIELDS);

/** The fields of an object the form shows at `path`: the schema's properties the current mode reads, in order. */
export function shownFields(
  schema: JsonSchema,
  path: readonly (string | number)[],
  view: ConfigModeView,
): [string, JsonSchema][] {
  return Object.entries(schema.properties ?? {}).filter(([key]) => view.applies([...path, key]));
}
