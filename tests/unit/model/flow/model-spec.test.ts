// Reading a model spec without a database: the offline stand-in, provider prefixes and who serves a bare name, in
// the engine's order of precedence.
import { describe, expect, it } from "vitest";
import { modelServer, offlineModelName, splitModelSpec } from "@/lib/model/flow/model-spec";

describe("model specs", () => {
  it("recognises the offline stand-in and the name after offline/", () => {
    expect(offlineModelName("offline")).toBe("offline");
    expect(offlineModelName(" OFFLINE ")).toBe("offline");
    expect(offlineModelName("offline/scripted")).toBe("scripted");
    expect(offlineModelName("offline/")).toBe("offline");
    expect(offlineModelName("offline-ish")).toBeNull();
    expect(offlineModelName("gpt-4o-mini")).toBeNull();
  });

  it("splits a provider prefix off, lowercased", () => {
    expect(splitModelSpec("Local/llama3.2")).toEqual({ prefix: "local", model: "llama3.2" });
    expect(splitModelSpec("gpt-4o")).toEqual({ prefix: "gpt-4o", model: null });
  });

  it("prefers a named provider, then the default provider, then the environment", () => {
    const all = { providers: ["default", "meta-llama"], environment: true };
    expect(modelServer("meta-llama/Llama-3-8B", all)).toEqual({
      kind: "provider",
      provider: "meta-llama",
      model: "Llama-3-8B",
    });
    expect(modelServer("gpt-4o", all)).toEqual({ kind: "provider", provider: "default", model: "gpt-4o" });
    expect(modelServer("gpt-4o", { providers: [], environment: true })).toEqual({
      kind: "provider",
      provider: "env",
      model: "gpt-4o",
    });
    expect(modelServer("gpt-4o", { providers: ["local"], environment: false })).toEqual({
      kind: "unserved",
      model: "gpt-4o",
    });
    expect(modelServer("", all)).toEqual({ kind: "unset" });
    expect(modelServer("offline/x", all)).toEqual({ kind: "offline", model: "x" });
  });
});
