// The interruption routes the demo flows and the flow templates check on every message: asking for a person,
// starting over, frustration, and small talk. Thanks and hellos in the middle of a question get their answer and then
// the question again; a goodbye ends the conversation politely (as resolved: writing again reopens it).
import type { FlowGraphInput } from "@/lib/model/flow/schema";

type Node = FlowGraphInput["nodes"][number];
type Edge = FlowGraphInput["edges"][number];

/**
 * Checked on every message before the node that waits for it: a customer can always ask for a person, start over
 * or say they are fed up, even in the middle of giving an order number.
 */
export const INTERRUPTION_ROUTES = [
  {
    id: "ask_person",
    label: "Asks for a person",
    examples: [
      "I want to talk to a human",
      "can I talk to a person",
      "get me a real person",
      "human please",
      "let me speak to someone",
      "I'd like to speak to an agent",
      "connect me to a representative",
      "is there a human I can talk to",
      "real person please",
      "talk to customer service",
      "hello? can I talk to a person",
      "I need to talk to someone, not a bot",
    ],
  },
  {
    id: "start_over",
    label: "Starts over",
    withdrawsWaiting: true,
    examples: [
      "start over",
      "let's start again",
      "can we start over",
      "never mind",
      "never mind all that",
      "go back to the beginning",
      "begin again",
      "reset",
      "start from scratch",
      "stop, I want to start again",
    ],
  },
  {
    id: "frustrated",
    label: "Is frustrated",
    examples: [
      "this is useless",
      "you are not helping at all",
      "this is ridiculous",
      "I'm so frustrated",
      "this is the worst service",
      "why is this so hard",
      "you keep asking the same thing",
      "I've had enough of this",
      "stupid bot",
      "this is a waste of my time",
    ],
  },
];

export const SMALL_TALK_ROUTES = [
  {
    id: "greeting",
    label: "Says hello",
    returnAfter: true,
    examples: [
      "hello",
      "hi",
      "hi there",
      "hey",
      "hey there",
      "hiya",
      "good morning",
      "good afternoon",
      "good evening",
      "hello there",
      "greetings",
    ],
  },
  {
    id: "thanks",
    label: "Says thanks",
    returnAfter: true,
    examples: [
      "thanks",
      "thank you",
      "thanks a lot",
      "thank you so much",
      "cheers",
      "much appreciated",
      "great, thanks",
      "perfect, thank you",
      "thx",
      "ty",
    ],
  },
  {
    id: "goodbye",
    label: "Says goodbye",
    returnAfter: false,
    examples: [
      "bye",
      "goodbye",
      "bye bye",
      "see you",
      "see you later",
      "that's all",
      "nothing else",
      "no that's it",
      "have a nice day",
      "I'm done",
    ],
  },
];

/** The answer nodes and the links from the start node for the small-talk routes. */
export function smallTalkNodes(options: { brand: string; offer: string; x: number; y: number }): {
  nodes: Node[];
  edges: Edge[];
} {
  const answers: Record<string, string> = {
    greeting: `Hi! ${options.offer}`,
    thanks: "You're welcome!",
    goodbye: `Thanks for contacting ${options.brand}. Goodbye!`,
  };
  const nodes: Node[] = SMALL_TALK_ROUTES.map((route, index) => ({
    id: `${route.id}_reply`,
    kind: "response",
    label: route.label,
    position: { x: options.x, y: options.y + index * 140 },
    config: { template: answers[route.id] },
  }));
  // A goodbye ends the conversation as resolved; writing again within the reopen window takes it up again.
  nodes.push({
    id: "goodbye_end",
    kind: "end",
    label: "Customer left",
    position: { x: options.x + 300, y: options.y + (SMALL_TALK_ROUTES.length - 1) * 140 },
    config: { outcome: "resolved" },
  });
  const edges: Edge[] = SMALL_TALK_ROUTES.map((route) => ({
    id: `e-${route.id}`,
    source: "start",
    sourceHandle: route.id,
    target: `${route.id}_reply`,
  }));
  edges.push({ id: "e-goodbye-end", source: "goodbye_reply", sourceHandle: "out", target: "goodbye_end" });
  return { nodes, edges };
}
