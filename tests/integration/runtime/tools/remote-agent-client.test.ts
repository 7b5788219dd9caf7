// The A2A client Switchboard's Remote agent node uses, against a real local A2A agent built with the SDK's server:
// card discovery, a blocking send, a follow-up that continues the remote task, headers, and the SSRF guard on both
// the card URL and the endpoint the card advertises.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentCardUrl, callRemoteAgent } from "@/lib/runtime/tools/remote-agent/call-remote-agent";
import { startA2aTestAgent, type A2aTestAgent } from "@/tests/support/a2a-test-agent";

let agent: A2aTestAgent;
let guarded: A2aTestAgent;
let misdirected: A2aTestAgent;

beforeAll(async () => {
  agent = await startA2aTestAgent();
  guarded = await startA2aTestAgent({ token: "a2a-token-987" });
  misdirected = await startA2aTestAgent({ advertiseEndpoint: "http://10.0.0.7/a2a/jsonrpc" });
});

afterAll(async () => {
  await Promise.all([agent.close(), guarded.close(), misdirected.close()]);
});

const allow = (...agents: A2aTestAgent[]) => agents.map((a) => `127.0.0.1:${a.port}`);

describe("callRemoteAgent", () => {
  it("fetches the card, sends the text and reads a direct message answer with its context", async () => {
    const outcome = await callRemoteAgent({
      cardUrl: agent.url,
      text: "hello there",
      allowHosts: allow(agent),
      timeoutMs: 5000,
    });
    expect(outcome).toMatchObject({ ok: true, agent: { name: "Shipping desk", endpoint: `${agent.url}/a2a/jsonrpc` } });
    if (!outcome.ok) return;
    expect(outcome.answer).toMatchObject({
      state: "completed",
      text: "Remote heard: hello there (message 1 in this context)",
      taskId: null,
    });
    expect(outcome.answer.contextId).toBeTruthy();

    const again = await callRemoteAgent({
      cardUrl: agent.cardUrl,
      text: "and again",
      contextId: outcome.answer.contextId,
      allowHosts: allow(agent),
      timeoutMs: 5000,
    });
    expect(again.ok && again.answer.text).toBe("Remote heard: and again (message 2 in this context)");
    expect(agent.requests.filter((r) => r.path === "/.well-known/agent-card.json")).toHaveLength(2);
  });

  it("continues a task that asked for input with the follow-up, in the same context", async () => {
    const asked = await callRemoteAgent({
      cardUrl: agent.cardUrl,
      text: "quote a parcel",
      skill: "shipping-quote",
      allowHosts: allow(agent),
      timeoutMs: 5000,
    });
    expect(asked.ok && asked.answer).toMatchObject({ state: "input-required", text: "Where should we ship it?" });
    if (!asked.ok) return;
    expect(asked.answer.taskId).toBeTruthy();
    const done = await callRemoteAgent({
      cardUrl: agent.cardUrl,
      text: "Berlin",
      contextId: asked.answer.contextId,
      taskId: asked.answer.taskId,
      allowHosts: allow(agent),
      timeoutMs: 5000,
    });
    expect(done.ok && done.answer).toMatchObject({
      state: "completed",
      text: "Shipping to Berlin costs $12 and takes 3 days.",
      contextId: asked.answer.contextId,
      taskId: null,
    });
    const [first, second] = agent.received.slice(-2);
    expect(first.metadata).toEqual({ skill: "shipping-quote" });
    expect(second).toMatchObject({ text: "Berlin", taskId: asked.answer.taskId, contextId: asked.answer.contextId });
  });

  it("polls a task the agent left working until it settles", async () => {
    const outcome = await callRemoteAgent({
      cardUrl: agent.cardUrl,
      text: "slow hello",
      allowHosts: allow(agent),
      timeoutMs: 5000,
    });
    expect(outcome.ok && outcome.answer).toMatchObject({
      state: "completed",
      text: "Done slowly: hello",
      taskId: null,
    });
  });

  it("reports a failed remote task as an answer with the failed state", async () => {
    const outcome = await callRemoteAgent({
      cardUrl: agent.cardUrl,
      text: "fail please",
      allowHosts: allow(agent),
      timeoutMs: 5000,
    });
    expect(outcome.ok && outcome.answer).toMatchObject({ state: "failed", text: "The carrier system is down." });
  });

  it("sends the configured headers to the card and the endpoint, and keeps them out of errors", async () => {
    const refused = await callRemoteAgent({
      cardUrl: guarded.cardUrl,
      text: "hi",
      headers: { Authorization: "Bearer wrong-token-1" },
      secrets: ["wrong-token-1"],
      allowHosts: allow(guarded),
      timeoutMs: 5000,
    });
    expect(refused).toMatchObject({ ok: false, phase: "card", retriable: false });
    expect(!refused.ok && refused.error).toMatch(/401/);
    const outcome = await callRemoteAgent({
      cardUrl: guarded.cardUrl,
      text: "hi",
      headers: { Authorization: "Bearer a2a-token-987" },
      allowHosts: allow(guarded),
      timeoutMs: 5000,
    });
    expect(outcome.ok).toBe(true);
    expect(guarded.received.at(-1)?.authorization).toBe("Bearer a2a-token-987");
  });

  it("blocks a card on a host that is not allowlisted, before any request", async () => {
    agent.reset();
    const outcome = await callRemoteAgent({ cardUrl: agent.cardUrl, text: "hi", allowHosts: [], timeoutMs: 5000 });
    expect(outcome).toMatchObject({ ok: false, phase: "card", retriable: false });
    expect(!outcome.ok && outcome.error).toMatch(/loopback/);
    expect(agent.requests).toHaveLength(0);
  });

  it("blocks the endpoint a card advertises when it is a private address", async () => {
    const outcome = await callRemoteAgent({
      cardUrl: misdirected.cardUrl,
      text: "hi",
      allowHosts: allow(misdirected),
      timeoutMs: 5000,
    });
    expect(outcome).toMatchObject({
      ok: false,
      phase: "call",
      retriable: false,
      endpoint: "http://10.0.0.7/a2a/jsonrpc",
    });
    expect(!outcome.ok && outcome.error).toMatch(/private address/);
    expect(misdirected.received).toHaveLength(0);
  });

  it("reads a bare origin as its well-known card", () => {
    expect(agentCardUrl("https://agents.example.com")).toBe("https://agents.example.com/.well-known/agent-card.json");
    expect(agentCardUrl("https://agents.example.com/cards/shipping.json")).toBe(
      "https://agents.example.com/cards/shipping.json",
    );
  });
});
