// Validation of an HTTP tool's settings, shared by the designer, publish-time validation and the runtime. Pure.
import { parseResponseMap } from "@/lib/runtime/tools/response-map";
import { checkUrlTemplate } from "@/lib/runtime/tools/url-template";

export type HttpToolSettings = {
  method: string;
  url: string;
  headers: { name: string; value: string; secret: string }[];
  timeoutMs: number;
  responseMap: string;
};

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Set by the runtime; a tool may not override them. */
const RESERVED_HEADERS = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
]);
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Problems with the settings as `{ field, message }`; empty when the tool can run. */
export function validateHttpToolConfig(config: HttpToolSettings): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  for (const message of checkUrlTemplate(config.url)) issues.push({ field: "url", message });
  const seen = new Set<string>();
  config.headers.forEach((header, index) => {
    const field = `headers.${index}`;
    const name = header.name.trim().toLowerCase();
    if (!HEADER_NAME.test(header.name.trim()))
      issues.push({ field: `${field}.name`, message: `"${header.name}" is not a valid header name.` });
    else if (RESERVED_HEADERS.has(name))
      issues.push({ field: `${field}.name`, message: `${header.name} is set automatically.` });
    else if (seen.has(name)) issues.push({ field: `${field}.name`, message: `${header.name} appears twice.` });
    seen.add(name);
    if (/[\r\n]/.test(header.value))
      issues.push({ field: `${field}.value`, message: "Header values cannot contain line breaks." });
    if (header.secret && !SECRET_NAME.test(header.secret))
      issues.push({ field: `${field}.secret`, message: `"${header.secret}" is not a valid secret name.` });
  });
  const map = parseResponseMap(config.responseMap);
  if (!map.ok) issues.push({ field: "responseMap", message: map.error });
  return issues;
}
