// Copy-paste configuration for common MCP clients. Always a placeholder where the key goes: the page that shows
// these never knows a key (keys are shown once, at creation), and a snippet must be safe to paste into a ticket.
export const API_KEY_PLACEHOLDER = "<YOUR_SWITCHBOARD_API_KEY>";
export const MCP_ENDPOINT_PATH = "/api/mcp";

export type McpClientSnippet = {
  id: string;
  client: string;
  file: string;
  language: "json" | "shell";
  text: string;
  note: string;
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** `serverName` is the key clients list the server under; a slug-like name keeps every client's schema happy. */
export function mcpClientSnippets(endpoint: string, serverName = "switchboard"): McpClientSnippet[] {
  const bearer = `Bearer ${API_KEY_PLACEHOLDER}`;
  return [
    {
      id: "claude-desktop",
      client: "Claude Desktop",
      file: "claude_desktop_config.json",
      language: "json",
      // Claude Desktop starts local (stdio) servers: mcp-remote bridges to HTTP. The key sits in env, not in args,
      // because some clients split arguments on spaces.
      text: json({
        mcpServers: {
          [serverName]: {
            command: "npx",
            args: ["-y", "mcp-remote", endpoint, "--header", "Authorization:${SWITCHBOARD_AUTH}"],
            env: { SWITCHBOARD_AUTH: bearer },
          },
        },
      }),
      note: "Bridged with mcp-remote (needs Node.js). Restart Claude Desktop after saving.",
    },
    {
      id: "cursor",
      client: "Cursor",
      file: "~/.cursor/mcp.json or .cursor/mcp.json",
      language: "json",
      text: json({ mcpServers: { [serverName]: { url: endpoint, headers: { Authorization: bearer } } } }),
      note: "Streamable HTTP with the key in a header.",
    },
    {
      id: "vscode",
      client: "VS Code",
      file: ".vscode/mcp.json",
      language: "json",
      // VS Code prompts for the key once and stores it as a secret, so the file never holds it.
      text: json({
        inputs: [
          { type: "promptString", id: "switchboard-api-key", description: "Switchboard API key", password: true },
        ],
        servers: {
          [serverName]: {
            type: "http",
            url: endpoint,
            headers: { Authorization: "Bearer ${input:switchboard-api-key}" },
          },
        },
      }),
      note: "VS Code asks for the key on first start and keeps it out of the file.",
    },
    {
      id: "claude-code",
      client: "Claude Code",
      file: "terminal",
      language: "shell",
      text: `claude mcp add --transport http ${serverName} ${endpoint} --header "Authorization: ${bearer}"`,
      note: "Adds the server to Claude Code's configuration.",
    },
  ];
}
