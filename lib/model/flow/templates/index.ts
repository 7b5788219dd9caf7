// The templates New flow offers, in the order the picker shows them. Each is one file of pure data beside this one.
import { cardSecurityTemplate } from "./card-security";
import { faqTemplate } from "./faq";
import { httpAgentTemplate } from "./http-agent";
import { orderSupportTemplate } from "./order-support";
import { supervisorTemplate } from "./supervisor";
import { triageTemplate } from "./triage";
import type { FlowTemplate } from "./types";

export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  orderSupportTemplate,
  cardSecurityTemplate,
  triageTemplate,
  faqTemplate,
  supervisorTemplate,
  httpAgentTemplate,
];

export const TEMPLATE_IDS = FLOW_TEMPLATES.map((t) => t.id) as [string, ...string[]];

export function flowTemplate(id: string): FlowTemplate | undefined {
  return FLOW_TEMPLATES.find((t) => t.id === id);
}

/** What the picker shows: no graphs or cases, so the client bundle stays small. */
export type TemplateChoice = Pick<FlowTemplate, "id" | "name" | "summary" | "note">;

export const TEMPLATE_CHOICES: TemplateChoice[] = FLOW_TEMPLATES.map(({ id, name, summary, note }) => ({
  id,
  name,
  summary,
  note,
}));
