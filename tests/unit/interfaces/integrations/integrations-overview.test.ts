import { describe, expect, it } from "vitest";
import { API_KEY_PLACEHOLDER, mcpClientSnippets } from "@/lib/interfaces/integrations/client-config";
import { prepareIntegrationsOverview, publicOrigin } from "@/lib/interfaces/integrations/integrations-overview";

const flow = {
  id: "f1",
  slug: "retail-support",
  name: "Retail support",
  description: "Orders.",
  versionId: "v1",
  versionNumber: 3,
  publishedAt: new Date("2026-11-01T10:00:00Z"),
  routes: [],
};

describe("publicOrigin", () => {
  it("prefers the configured origin, then forwarded headers, then Host", () => {
    expect(publicOrigin({ configured: "https://sb.example.com/", host: "internal:3000" })).toBe(
      "https://sb.example.com",
    );
    expect(
      publicOrigin({ host: "internal:3000", forwardedHost: "sb.example.com, proxy", forwardedProto: "https" }),
    ).toBe("https://sb.example.com");
    expect(publicOrigin({ host: "localhost:3000" })).toBe("http://localhost:3000");
    expect(publicOrigin({ host: "sb.example.com" })).toBe("https://sb.example.com");
    expect(publicOrigin({})).toBe("");
  });
});

describe("prepareIntegrationsOverview", () => {
  it("gives each flow its MCP tool and A2A URLs, and the MCP endpoint", () => {
    const overview = prepareIntegrationsOverview({
      origin: "https://sb.example.com",
      workspaceSlug: "acme",
      flows: [flow],
      telemetry: null,
      sso: { state: "off" },
    });
    expect(overview.flows).toEqual([
      {
        slug: "retail-support",
        name: "Retail support",
        description: "Orders.",
        version: 3,
        publishedAt: "2026-11-01T10:00:00.000Z",
        mcpToolName: "retail_support",
        a2aCardUrl: "https://sb.example.com/api/a2a/acme/retail-support/.well-known/agent-card.json",
        a2aEndpointUrl: "https://sb.example.com/api/a2a/acme/retail-support",
      },
    ]);
    expect(overview.a2aDirectoryUrl).toBe("https://sb.example.com/api/a2a/acme");
    expect(overview.mcp.endpoint).toBe("https://sb.example.com/api/mcp");
    expect(overview.mcp.snippets.map((s) => s.id)).toEqual(["claude-desktop", "cursor", "vscode", "claude-code"]);
  });
});

describe("mcpClientSnippets", () => {
  const snippets = mcpClientSnippets("https://sb.example.com/api/mcp");
  it("are valid JSON naming the endpoint, with a placeholder (never a key) for the secret", () => {
    for (const snippet of snippets) {
      expect(snippet.text).toContain("https://sb.example.com/api/mcp");
      expect(snippet.text).not.toMatch(/sb_[A-Za-z0-9]{8,}/);
      if (snippet.language === "json") expect(() => JSON.parse(snippet.text)).not.toThrow();
    }
    const cursor = JSON.parse(snippets.find((s) => s.id === "cursor")!.text);
    expect(cursor.mcpServers.switchboard).toEqual({
      url: "https://sb.example.com/api/mcp",
      headers: { Authorization: `Bearer ${API_KEY_PLACEHOLDER}` },
    });
    const vscode = JSON.parse(snippets.find((s) => s.id === "vscode")!.text);
    expect(vscode.servers.switchboard).toMatchObject({
      type: "http",
      headers: { Authorization: "Bearer ${input:switchboard-api-key}" },
    });
    const desktop = JSON.parse(snippets.find((s) => s.id === "claude-desktop")!.text);
    expect(desktop.mcpServers.switchboard.args).toContain("mcp-remote");
    expect(desktop.mcpServers.switchboard.env.SWITCHBOARD_AUTH).toBe(`Bearer ${API_KEY_PLACEHOLDER}`);
  });
});
