"use client";
// A permission link's settings: call limits, an approval threshold, whose records the agent may reach, data scopes.
import { clsx } from "clsx";
import { inputClass, selectClass } from "@/components/ui/button";
import { ROLES } from "@/lib/model/permissions";
import type { FlowEdge, ToolPermission } from "@/lib/model/flow/schema";
import { RECORD_SCOPE_LABELS, RECORD_SCOPES, type RecordScope } from "@/lib/model/tools/record-scopes";
import { defaultPermission } from "./convert";
import { useEditor } from "./store";

export function PermissionFields({ edge, idPrefix = "perm" }: { edge: FlowEdge; idPrefix?: string }) {
  const setPermission = useEditor((s) => s.setPermission);
  const p: ToolPermission = edge.permission ?? defaultPermission();
  const update = (patch: Partial<ToolPermission>, key: string) =>
    setPermission(edge.id, { ...p, ...patch }, `perm:${edge.id}:${key}`);
  const num = (text: string) => (text === "" ? 0 : Math.max(0, Math.floor(Number(text)) || 0));
  const approval = p.approvalAbove !== null && p.approvalAbove !== undefined;
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${idPrefix}-conv`} className="mb-1 block text-xs font-medium text-slate-700">
            Calls per conversation
          </label>
          <input
            id={`${idPrefix}-conv`}
            type="number"
            min={0}
            max={1000}
            value={p.ratePerConversation}
            onChange={(e) => update({ ratePerConversation: num(e.target.value) }, "conv")}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor={`${idPrefix}-min`} className="mb-1 block text-xs font-medium text-slate-700">
            Calls per minute
          </label>
          <input
            id={`${idPrefix}-min`}
            type="number"
            min={0}
            max={100000}
            value={p.ratePerMinute}
            onChange={(e) => update({ ratePerMinute: num(e.target.value) }, "min")}
            className={inputClass}
          />
        </div>
      </div>
      <p className="-mt-1 text-[11px] text-slate-500">0 means unlimited.</p>
      <fieldset className="rounded-md border border-slate-200 p-2">
        <legend className="px-1 text-xs font-medium text-slate-700">Approval</legend>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={approval}
            onChange={(e) => update({ approvalAbove: e.target.checked ? 100 : null }, "approval")}
            className="size-4 rounded border-slate-300 text-indigo-600"
          />
          Require a person&rsquo;s approval above an amount
        </label>
        {approval ? (
          <div className="mt-2 grid grid-cols-2 gap-2">
            <div>
              <label htmlFor={`${idPrefix}-field`} className="mb-1 block text-xs font-medium text-slate-700">
                Field
              </label>
              <input
                id={`${idPrefix}-field`}
                value={p.approvalField}
                maxLength={100}
                onChange={(e) => update({ approvalField: e.target.value }, "field")}
                className={inputClass}
              />
            </div>
            <div>
              <label htmlFor={`${idPrefix}-above`} className="mb-1 block text-xs font-medium text-slate-700">
                Above
              </label>
              <input
                id={`${idPrefix}-above`}
                type="number"
                min={0}
                value={p.approvalAbove ?? 0}
                onChange={(e) => update({ approvalAbove: Math.max(0, Number(e.target.value) || 0) }, "above")}
                className={inputClass}
              />
            </div>
            <div className="col-span-2">
              <label htmlFor={`${idPrefix}-role`} className="mb-1 block text-xs font-medium text-slate-700">
                Approver role
              </label>
              <select
                id={`${idPrefix}-role`}
                value={p.approverRole}
                onChange={(e) => update({ approverRole: e.target.value as ToolPermission["approverRole"] }, "role")}
                className={clsx(selectClass, "w-full")}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </div>
            <div className="col-span-2">
              <label htmlFor={`${idPrefix}-message`} className="mb-1 block text-xs font-medium text-slate-700">
                Message while it waits{" "}
                <span className="font-normal text-slate-500">
                  (sent word for word; {"{{amount}}"} and state values allowed)
                </span>
              </label>
              <textarea
                id={`${idPrefix}-message`}
                value={p.approvalMessage}
                maxLength={1000}
                rows={3}
                onChange={(e) => update({ approvalMessage: e.target.value }, "message")}
                placeholder="Empty: a standard “needs a quick check by our team” line."
                className={inputClass}
              />
            </div>
          </div>
        ) : null}
      </fieldset>
      <div>
        <label htmlFor={`${idPrefix}-records`} className="mb-1 block text-xs font-medium text-slate-700">
          Whose records
        </label>
        <select
          id={`${idPrefix}-records`}
          value={p.records ?? "own"}
          onChange={(e) => update({ records: e.target.value as RecordScope }, "records")}
          className={clsx(selectClass, "w-full")}
          aria-describedby={`${idPrefix}-records-hint`}
        >
          {RECORD_SCOPES.map((scope) => (
            <option key={scope} value={scope}>
              {RECORD_SCOPE_LABELS[scope]}
            </option>
          ))}
        </select>
        <p id={`${idPrefix}-records-hint`} className="mt-1 text-xs text-slate-500">
          Customer-facing agents keep &ldquo;own records&rdquo;: the tool then runs only for a verified customer, on
          their own orders and cards.
        </p>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-scopes`} className="mb-1 block text-xs font-medium text-slate-700">
          Data scopes <span className="font-normal text-slate-500">(comma-separated)</span>
        </label>
        <input
          id={`${idPrefix}-scopes`}
          defaultValue={p.dataScopes.join(", ")}
          key={p.dataScopes.join(",")}
          onBlur={(e) =>
            update(
              {
                dataScopes: e.target.value
                  .split(",")
                  .map((s) => s.trim())
                  .filter(Boolean)
                  .slice(0, 20),
              },
              "scopes",
            )
          }
          placeholder="orders:read, customer:email"
          className={inputClass}
        />
      </div>
    </div>
  );
}
