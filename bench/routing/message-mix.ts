// What customers write to the Retail demo flow, for timing the start node's checks: the demo's own conversations
// (questions, slot answers, interruptions, small talk, changes of request) and, for the variety of real phrasing and
// length, BANKING77 customer texts when the data set is in the repository.
import { existsSync, readFileSync } from "node:fs";
import Papa from "papaparse";

/** Messages from the demo's conversations: bench:engine's customers, the interruption tests, the README's tour. */
const DEMO_MESSAGES = [
  "Where is my order?",
  "Where is my order A1042?",
  "Can you track order A1017 for me",
  "Has my order A1063 shipped yet?",
  "When will my order A1099 arrive?",
  "check on order A1005",
  "Is order A1120 delivered?",
  "Can I get an update on A1033",
  "What about my other order A1078, has it shipped?",
  "track my shipment A1012",
  "how long until my order A1051 gets here",
  "Still waiting for my delivery of A1088",
  "A1001",
  "it's A1042",
  "order A1017",
  "yes",
  "no, I meant A1005",
  "Please refund order A1004",
  "I want to change my delivery address",
  "12 Oak Lane, Portland OR 97201",
  "I was charged twice for order A1010",
  "any news?",
  "are you there?",
  "I want to talk to a human",
  "hello? can I talk to a person",
  "let me speak to someone please",
  "never mind, let's start again",
  "this is useless",
  "you keep asking me the same thing",
  "actually cancel order A1003",
  "actually, forget that, I want to cancel order A1003",
  "wait, I'd rather get a refund for A1007",
  "hello",
  "hi there",
  "thanks",
  "Thanks, that's all",
  "great, thank you",
  "bye",
];

const BANKING77 = "data/banking77/train.csv";
const BANKING77_SAMPLE = 462;

/** Every n-th row, so the sample is the same on every run and spread over all 77 intents (the file is grouped). */
function banking77Sample(): { texts: string[]; stride: number } {
  if (!existsSync(BANKING77)) return { texts: [], stride: 0 };
  const rows = Papa.parse<{ text: string }>(readFileSync(BANKING77, "utf8"), {
    header: true,
    skipEmptyLines: "greedy",
  }).data;
  const stride = Math.max(1, Math.floor(rows.length / BANKING77_SAMPLE));
  const texts = rows
    .filter((_, i) => i % stride === 0)
    .slice(0, BANKING77_SAMPLE)
    .map((row) => row.text.trim());
  return { texts, stride };
}

export function messageMix(): { messages: string[]; description: string } {
  const banking = banking77Sample();
  const description =
    banking.texts.length > 0
      ? `${DEMO_MESSAGES.length} demo messages + ${banking.texts.length} BANKING77 texts (1 row in ${banking.stride} of ${BANKING77})`
      : `${DEMO_MESSAGES.length} demo messages (${BANKING77} is absent)`;
  return { messages: [...DEMO_MESSAGES, ...banking.texts], description };
}
