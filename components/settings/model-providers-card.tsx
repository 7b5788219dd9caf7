"use client";
import { Bot, Plus } from "lucide-react";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { TBody, Th, THead } from "@/components/ui/table";
import { DEFAULT_PROVIDER_NAME, type ModelProviderView } from "@/lib/runtime/agents/model-provider-schema";
import { ProviderForm } from "./model-provider-form";
import { ProviderRow } from "./model-provider-row";

/**
 * The workspace's OpenAI-compatible model providers. Admins add, edit, test and delete them; everyone else sees the
 * list read-only and never any key material.
 */
export function ModelProvidersCard({
  providers,
  canManage,
  envConfigured,
}: {
  providers: ModelProviderView[];
  canManage: boolean;
  envConfigured: boolean;
}) {
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const hasDefault = providers.some((p) => p.name === DEFAULT_PROVIDER_NAME);

  return (
    <div className="space-y-4 px-4 py-4">
      {providers.length === 0 ? (
        <div
          className="flex items-start gap-3 rounded-md border border-dashed border-slate-300 px-4 py-4"
          data-testid="model-providers-empty"
        >
          <Bot aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-500" />
          <div className="space-y-1 text-sm text-slate-600">
            <p className="font-medium text-slate-900">No model provider yet.</p>
            {envConfigured ? (
              <p>
                LLM agents use the endpoint set in the server&apos;s environment (OPENAI_BASE_URL / OPENAI_API_KEY).
              </p>
            ) : (
              <p>
                LLM agents and LLM routers are served by the built-in <strong>offline provider</strong>: deterministic,
                no network and no keys. It fills slots, calls tools and routes by word overlap, which is enough for the
                demo flows, but it does not understand language.
              </p>
            )}
            <p>
              Add an OpenAI-compatible endpoint to use real models. Name it{" "}
              <code className="font-mono">{DEFAULT_PROVIDER_NAME}</code> to serve agents that name just a model (like{" "}
              <code className="font-mono">gpt-4o-mini</code>); agents can always pick{" "}
              <code className="font-mono">offline</code>.
            </p>
          </div>
        </div>
      ) : (
        <>
          {!hasDefault ? (
            <p className="text-xs text-slate-500">
              No provider is named <code className="font-mono">{DEFAULT_PROVIDER_NAME}</code>: agents that name only a
              model use {envConfigured ? "the environment's endpoint (OPENAI_BASE_URL)" : "the offline provider"}.
            </p>
          ) : null}
          <div className="relative -mx-4 overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Model providers of this workspace</caption>
              <THead>
                {["Name", "Base URL", "Models", "Key"].map((label) => (
                  <Th key={label}>{label}</Th>
                ))}
                {canManage ? (
                  <Th className="text-right" srOnly>
                    Actions
                  </Th>
                ) : null}
              </THead>
              <TBody>
                {providers.map((p) => (
                  <ProviderRow
                    key={`${p.id}:${p.updatedAt}`}
                    provider={p}
                    canManage={canManage}
                    onMessage={setNotice}
                  />
                ))}
              </TBody>
            </table>
          </div>
        </>
      )}
      {notice ? (
        <p role="status" className="text-sm text-emerald-700" data-testid="model-provider-notice">
          {notice}
        </p>
      ) : null}
      {canManage ? (
        adding ? (
          <ProviderForm
            onCancel={() => setAdding(false)}
            onDone={(text) => {
              setAdding(false);
              setNotice(text);
            }}
          />
        ) : (
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => setAdding(true)}
            data-testid="model-provider-add"
          >
            <Plus aria-hidden className="size-4" />
            Add a provider
          </button>
        )
      ) : (
        <p className="text-xs text-slate-500">Only admins can add or change model providers.</p>
      )}
    </div>
  );
}
