// The Inbox queue's stream against a real Postgres and the real engine: a conversation joining the queue, a claim by
// a colleague (no engine event) and a customer writing in a queued conversation each send `changed`; turns in
// conversations nobody is queued for, and anything in another workspace, send nothing.
import { afterEach, describe, expect, it } from "vitest";
import { openInboxStream } from "@/lib/features/inbox/inbox-stream";
import { db } from "@/lib/platform/db/client";
import type { Member } from "@/lib/platform/auth/current-member";
import { liveListener } from "@/lib/runtime/engine/live/live-listener";
import { claimEscalation } from "@/lib/runtime/engine/commands/operator-commands";
import { startConversation } from "@/lib/runtime/engine/commands/start-conversation";
import { graphInput, link, node, reply } from "@/tests/support/flow-builders";
import { publishedFlow, sendTurn } from "@/tests/support/engine";

// "human" in a message routes to a person; anything else gets a reply from the bot.
const FLOW = graphInput(
  [
    node("start", "start"),
    node("route", "router", {
      strategy: "rules",
      routes: [
        { id: "person", label: "Person", rule: 'text ~= "human"' },
        { id: "bot", label: "Bot", rule: 'not (text ~= "human")' },
      ],
    }),
    node("human", "escalate", { reason: "Asked", message: "A colleague will take it from here." }),
    reply("bot", "Sure."),
  ],
  [link("start", "route"), link("route", "human", "person"), link("route", "bot", "bot")],
);

const a = await publishedFlow(FLOW, "inbox-stream-a");
const b = await publishedFlow(FLOW, "inbox-stream-b");
await liveListener().ready();

const aborts: AbortController[] = [];
afterEach(() => aborts.splice(0).forEach((abort) => abort.abort()));

function open(workspaceId: string) {
  const abort = new AbortController();
  aborts.push(abort);
  const reader = openInboxStream({ workspaceId, signal: abort.signal, coalesceMs: 50, pollMs: 60_000 }).getReader();
  const events: string[] = [];
  void (async () => {
    const text = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      for (const match of text.decode(value).matchAll(/^event: (.*)$/gm)) events.push(match[1]);
    }
  })();
  const count = () => events.filter((event) => event === "changed").length;
  return {
    count,
    async changedAfter(before: number, what: string) {
      const deadline = Date.now() + 20_000;
      while (count() <= before) {
        if (Date.now() > deadline) throw new Error(`No change frame after ${what}; got ${events.join(",")}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    ready: async () => {
      while (!events.includes("ready")) await new Promise((resolve) => setTimeout(resolve, 10));
      // The first queue read (which turns later notices about queued conversations into changes) has landed.
      await new Promise((resolve) => setTimeout(resolve, 300));
    },
  };
}

const chat = async (flow: typeof a, text: string) => {
  const conversation = await startConversation({
    workspaceId: flow.workspace.id,
    flowSlug: flow.flow.slug,
    channel: "web",
  });
  await sendTurn({ workspaceId: flow.workspace.id, conversationId: conversation.id, text });
  return conversation;
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe("inbox stream", () => {
  it("says changed when the queue changes, and stays quiet for everything else", async () => {
    const stream = open(a.workspace.id);
    await stream.ready();

    await chat(a, "just a question");
    await chat(b, "I want a human");
    await settle();
    expect(stream.count()).toBe(0);

    let before = stream.count();
    const queued = await chat(a, "I want a human");
    await stream.changedAfter(before, "a conversation was escalated");

    await settle();
    before = stream.count();
    const escalation = await db().escalation.findFirstOrThrow({ where: { conversationId: queued.id } });
    const colleague: Member = {
      userId: a.user.id,
      email: a.user.email,
      name: a.user.name,
      workspaceId: a.workspace.id,
      workspaceSlug: a.workspace.slug,
      workspaceName: a.workspace.name,
      role: "admin",
    };
    await db().$transaction((tx) => claimEscalation(tx, colleague, { escalationId: escalation.id }));
    await stream.changedAfter(before, "a colleague claimed it");

    await settle();
    before = stream.count();
    await sendTurn({ workspaceId: a.workspace.id, conversationId: queued.id, text: "are you there?" });
    await stream.changedAfter(before, "the customer wrote in the queued conversation");

    await settle();
    before = stream.count();
    await chat(a, "another plain question");
    await settle();
    expect(stream.count()).toBe(before);
  });
});
