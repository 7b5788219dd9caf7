// Values the inspector offers for free-text settings that name something in the workspace (e.g. the escalate node's
// `handoff`: the workspace's handoff endpoints), keyed by the setting's name. Typing anything else stays possible;
// publishing checks the name exists.
"use client";
import { createContext } from "react";

export const FieldSuggestions = createContext<Readonly<Record<string, readonly string[]>>>({});
