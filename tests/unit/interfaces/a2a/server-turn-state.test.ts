import { TaskState } from "@a2a-js/sdk";
import { describe, expect, it } from "vitest";
import { buildAgentCard, flowAgentUrls, publicOriginFor } from "@/lib/interfaces/a2a/agent-card";
import {
  APPROVAL_NOTE,
  ESCALATED_NOTE,
  FAILED_NOTE,
  STILL_RUNNING_NOTE,
  taskStateForTurn,
} from "@/lib/interfaces/a2a/turn-state";

const turn = (over: Partial<Parameters<typeof taskStateForTurn>[0]>) =>
  taskStateForTurn({ status: "active", waitingFor: "customer", done: true, error: null, ...over });

describe("taskStateForTurn", () => {
  it("maps each outcome of a turn to the state an A2A client can act on", () => {
    expect(turn({})).toEqual({ state: TaskState.TASK_STATE_INPUT_REQUIRED, note: null });
    expect(turn({ status: "resolved", waitingFor: null })).toEqual({
      state: TaskState.TASK_STATE_COMPLETED,
      note: null,
    });
    expect(turn({ status: "escalated", waitingFor: "human" })).toEqual({
      state: TaskState.TASK_STATE_INPUT_REQUIRED,
      note: ESCALATED_NOTE,
    });
    expect(turn({ waitingFor: "approval" })).toEqual({
      state: TaskState.TASK_STATE_INPUT_REQUIRED,
      note: APPROVAL_NOTE,
    });
    expect(turn({ done: false })).toEqual({ state: TaskState.TASK_STATE_WORKING, note: STILL_RUNNING_NOTE });
    expect(turn({ status: "failed", waitingFor: null })).toEqual({
      state: TaskState.TASK_STATE_FAILED,
      note: FAILED_NOTE,
    });
    expect(turn({ error: "boom" }).state).toBe(TaskState.TASK_STATE_FAILED);
    expect(turn({ status: "abandoned", waitingFor: null }).state).toBe(TaskState.TASK_STATE_CANCELED);
  });
});

describe("buildAgentCard", () => {
  const flow = {
    id: "f1",
    slug: "faq",
    name: "FAQ",
    description: "",
    versionId: "v3",
    versionNumber: 3,
    publishedAt: null,
    routes: [],
  };

  it("gives a flow without a router one skill, and the v1.0 and v0.3 interfaces on one absolute URL", () => {
    const card = buildAgentCard(flow, { origin: "https://sb.example.com/", workspaceSlug: "acme" });
    expect(card.version).toBe("3");
    expect(card.skills).toMatchObject([{ id: "faq", name: "FAQ", examples: [] }]);
    expect(card.supportedInterfaces.map((i) => [i.url, i.protocolVersion])).toEqual([
      ["https://sb.example.com/api/a2a/acme/faq", "1.0"],
      ["https://sb.example.com/api/a2a/acme/faq", "0.3"],
    ]);
    expect(flowAgentUrls("https://sb.example.com", "acme", "faq").card).toBe(
      "https://sb.example.com/api/a2a/acme/faq/.well-known/agent-card.json",
    );
  });

  it("advertises NEXTAUTH_URL when set, else the request's origin", () => {
    const request = new Request("http://10.0.0.5:3000/api/a2a/acme");
    expect(publicOriginFor(request, { NEXTAUTH_URL: "https://sb.example.com/" } as NodeJS.ProcessEnv)).toBe(
      "https://sb.example.com",
    );
    expect(publicOriginFor(request, {} as NodeJS.ProcessEnv)).toBe("http://10.0.0.5:3000");
  });
});
