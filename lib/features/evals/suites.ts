// Test suites and their cases: create, edit, delete and import, always inside the member's workspace (another
// workspace's suite, case, flow or conversation is NOT_FOUND, never data). Each function returns what the caller
// audits (before/after), so the audit entry commits in the same transaction as the change.
import "server-only";
import { z } from "zod";
import type { Member } from "@/lib/platform/auth/current-member";
import type { Tx } from "@/lib/platform/db/client";
import { AppError } from "@/lib/model/errors";
import {
  caseCustomerRefSchema,
  caseExpectationsSchema,
  caseTurnsSchema,
  type CaseExpectations,
} from "@/lib/features/evals/expectations";
import { caseFromConversation } from "@/lib/features/evals/case-from-conversation";
import { assertKnownNames, suiteFlowNames } from "@/lib/features/evals/suite-flow-names";
import { TEST_CHANNEL } from "@/lib/model/flow/channels";
import type { Prisma } from "@/lib/generated/prisma/client";

const id = z.string().trim().min(1).max(200);

export const suiteFieldsSchema = z.object({
  name: z.string().trim().min(1, "Give the suite a name.").max(80, "At most 80 characters."),
  description: z.string().trim().max(500, "At most 500 characters.").default(""),
  /** A fraction (0..1); forms show and edit it as a percentage. */
  passThreshold: z.number().min(0, "Between 0% and 100%.").max(1, "Between 0% and 100%."),
  gatesPublish: z.boolean(),
});
export const createSuiteSchema = suiteFieldsSchema.extend({ flowId: id });
export const updateSuiteSchema = suiteFieldsSchema.extend({ suiteId: id });
export const deleteSuiteSchema = z.object({ suiteId: id });

export const caseNameSchema = z.string().trim().min(1, "Give the case a name.").max(120, "At most 120 characters.");
export const caseFieldsSchema = z.object({
  name: caseNameSchema,
  turns: caseTurnsSchema,
  expectations: caseExpectationsSchema,
  customerRef: caseCustomerRefSchema,
});
export const createCaseSchema = caseFieldsSchema.extend({ suiteId: id });
export const updateCaseSchema = caseFieldsSchema.extend({ caseId: id });
export const deleteCaseSchema = z.object({ caseId: id });

export const MAX_IMPORT_CASES = 500;
export const importCasesSchema = z.object({
  suiteId: id,
  cases: z
    .array(caseFieldsSchema)
    .min(1, "The file has no cases.")
    .max(MAX_IMPORT_CASES, `At most ${MAX_IMPORT_CASES} cases per import.`),
});

export const saveConversationCaseSchema = z
  .object({
    conversationId: id,
    name: caseNameSchema,
    /** An existing suite of the conversation's flow, or… */
    suiteId: id.optional(),
    /** …a new one by this name (default threshold, gating publishing). */
    newSuiteName: z.string().trim().min(1, "Give the suite a name.").max(80, "At most 80 characters.").optional(),
  })
  .refine((v) => !!v.suiteId !== !!v.newSuiteName, { path: ["suiteId"], message: "Choose a suite or name a new one." });

export type SuiteFields = z.output<typeof suiteFieldsSchema>;
export type CaseFields = z.output<typeof caseFieldsSchema>;

const notFound = (what: string) => new AppError("NOT_FOUND", { userMessage: `That ${what} could not be found.` });
const duplicate = (field: string, message: string) =>
  new AppError("VALIDATION", { message, fieldErrors: { [field]: [message] } });

type SuiteRow = {
  id: string;
  flowId: string;
  name: string;
  description: string;
  passThreshold: number;
  gatesPublish: boolean;
};
const suiteSnapshot = (s: SuiteRow) => ({
  flowId: s.flowId,
  name: s.name,
  description: s.description,
  passThreshold: s.passThreshold,
  gatesPublish: s.gatesPublish,
});

type CaseRow = {
  id: string;
  suiteId: string;
  name: string;
  turns: unknown;
  expectations: unknown;
  customerRef: string | null;
  source: string;
};
const caseSnapshot = (c: CaseRow) => ({
  suiteId: c.suiteId,
  name: c.name,
  turns: c.turns,
  expectations: c.expectations,
  customerRef: c.customerRef,
  source: c.source,
});

async function findSuite(tx: Tx, member: Member, suiteId: string) {
  const suite = await tx.evalSuite.findFirst({ where: { id: suiteId, workspaceId: member.workspaceId } });
  if (!suite) throw notFound("test suite");
  return suite;
}

async function findCase(tx: Tx, member: Member, caseId: string) {
  const row = await tx.evalCase.findFirst({
    where: { id: caseId, suite: { workspaceId: member.workspaceId } },
    include: { suite: { select: { flowId: true } } },
  });
  if (!row) throw notFound("test case");
  return row;
}

async function assertSuiteNameFree(tx: Tx, flowId: string, name: string, exceptId?: string) {
  const clash = await tx.evalSuite.findFirst({
    where: { flowId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw duplicate("name", "This flow already has a suite with that name.");
}

async function assertCaseNameFree(tx: Tx, suiteId: string, name: string, exceptId?: string) {
  const clash = await tx.evalCase.findFirst({
    where: { suiteId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw duplicate("name", "This suite already has a case with that name.");
}

export async function createSuite(tx: Tx, member: Member, input: z.output<typeof createSuiteSchema>) {
  const flow = await tx.flow.findFirst({
    where: { id: input.flowId, workspaceId: member.workspaceId },
    select: { id: true },
  });
  if (!flow) throw notFound("flow");
  await assertSuiteNameFree(tx, flow.id, input.name);
  const suite = await tx.evalSuite.create({
    data: {
      workspaceId: member.workspaceId,
      flowId: flow.id,
      name: input.name,
      description: input.description,
      passThreshold: input.passThreshold,
      gatesPublish: input.gatesPublish,
      createdById: member.userId,
    },
  });
  return { suite, after: suiteSnapshot(suite) };
}

export async function updateSuite(tx: Tx, member: Member, input: z.output<typeof updateSuiteSchema>) {
  const before = await findSuite(tx, member, input.suiteId);
  await assertSuiteNameFree(tx, before.flowId, input.name, before.id);
  const suite = await tx.evalSuite.update({
    where: { id: before.id },
    data: {
      name: input.name,
      description: input.description,
      passThreshold: input.passThreshold,
      gatesPublish: input.gatesPublish,
    },
  });
  return { suite, before: suiteSnapshot(before), after: suiteSnapshot(suite) };
}

/** Deletes the suite with its cases and runs (the runs' test conversations stay, like any test chat). */
export async function deleteSuite(tx: Tx, member: Member, input: z.output<typeof deleteSuiteSchema>) {
  const suite = await findSuite(tx, member, input.suiteId);
  const caseCount = await tx.evalCase.count({ where: { suiteId: suite.id } });
  await tx.evalSuite.delete({ where: { id: suite.id } });
  return { suite, before: { ...suiteSnapshot(suite), caseCount } };
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

export async function createCase(
  tx: Tx,
  member: Member,
  input: z.output<typeof createCaseSchema> & {
    source?: "manual" | "conversation" | "simulated";
    sourceConversationId?: string;
  },
) {
  const suite = await findSuite(tx, member, input.suiteId);
  await assertCaseNameFree(tx, suite.id, input.name);
  // A case saved from a conversation records what that conversation's version did, whatever the flow is now.
  if (input.source !== "conversation") assertKnownNames(await suiteFlowNames(tx, suite.flowId), [input]);
  const row = await tx.evalCase.create({
    data: {
      suiteId: suite.id,
      name: input.name,
      turns: json(input.turns),
      expectations: json(input.expectations),
      customerRef: input.customerRef,
      source: input.source ?? "manual",
      sourceConversationId: input.sourceConversationId ?? null,
    },
  });
  return { case: row, suite, after: caseSnapshot(row) };
}

export async function updateCase(tx: Tx, member: Member, input: z.output<typeof updateCaseSchema>) {
  const before = await findCase(tx, member, input.caseId);
  await assertCaseNameFree(tx, before.suiteId, input.name, before.id);
  assertKnownNames(await suiteFlowNames(tx, before.suite.flowId), [input]);
  const row = await tx.evalCase.update({
    where: { id: before.id },
    data: {
      name: input.name,
      turns: json(input.turns),
      expectations: json(input.expectations),
      customerRef: input.customerRef,
    },
  });
  return { case: row, before: caseSnapshot(before), after: caseSnapshot(row) };
}

export async function deleteCase(tx: Tx, member: Member, input: z.output<typeof deleteCaseSchema>) {
  const row = await findCase(tx, member, input.caseId);
  await tx.evalCase.delete({ where: { id: row.id } });
  return { case: row, before: caseSnapshot(row) };
}

/** All or nothing: any name that repeats (in the file, or an existing case) rejects the whole import. */
export async function importCases(
  tx: Tx,
  member: Member,
  input: z.output<typeof importCasesSchema>,
  /** How problems name a case: the file's row when it came from one. */
  rowLabel: (index: number) => string = (i) => `Case ${i + 1}`,
) {
  const suite = await findSuite(tx, member, input.suiteId);
  if (input.cases.length > MAX_IMPORT_CASES) {
    const message = `A file holds at most ${MAX_IMPORT_CASES} cases; this one has ${input.cases.length}.`;
    throw new AppError("VALIDATION", {
      message,
      userMessage: "Nothing was imported.",
      fieldErrors: { file: [message] },
    });
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  input.cases.forEach((c, i) => {
    const first = seen.get(c.name);
    if (first !== undefined)
      problems.push(`${rowLabel(i)}: the name “${c.name}” is also used by ${rowLabel(first).toLowerCase()}.`);
    else seen.set(c.name, i);
  });
  const existing = await tx.evalCase.findMany({
    where: { suiteId: suite.id, name: { in: [...seen.keys()] } },
    select: { name: true },
  });
  for (const { name } of existing)
    problems.push(`${rowLabel(seen.get(name)!)}: the suite already has a case named “${name}”.`);
  if (problems.length)
    throw new AppError("VALIDATION", {
      message: problems.join(" "),
      userMessage: "Nothing was imported.",
      fieldErrors: { file: problems },
    });
  assertKnownNames(await suiteFlowNames(tx, suite.flowId), input.cases, rowLabel);

  await tx.evalCase.createMany({
    data: input.cases.map((c) => ({
      suiteId: suite.id,
      name: c.name,
      turns: json(c.turns),
      expectations: json(c.expectations),
      customerRef: c.customerRef,
      source: "import",
    })),
  });
  return { suite, count: input.cases.length, names: input.cases.map((c) => c.name) };
}

/**
 * "Save as test case": the conversation's customer messages become the script and what actually happened becomes
 * the expectations, so the case pins today's behaviour. Test-channel conversations (designer chats, eval runs) are
 * refused: they are not real customer traffic.
 */
export async function saveConversationAsCase(
  tx: Tx,
  member: Member,
  input: z.output<typeof saveConversationCaseSchema>,
) {
  const conversation = await tx.conversation.findFirst({
    where: { id: input.conversationId, workspaceId: member.workspaceId },
    select: { id: true, flowId: true, channel: true },
  });
  if (!conversation) throw notFound("conversation");
  if (conversation.channel === TEST_CHANNEL) {
    throw new AppError("VALIDATION", {
      userMessage: "Test conversations cannot be saved as cases; save a real conversation instead.",
    });
  }
  const drafted: {
    flowId: string;
    turns: string[];
    expectations: CaseExpectations;
    customerRef: string | null;
  } = await caseFromConversation(member.workspaceId, conversation.id);
  const turns = caseTurnsSchema.safeParse(drafted.turns);
  if (!turns.success)
    throw new AppError("VALIDATION", { userMessage: "This conversation has no customer messages to replay." });

  let createdSuite: Awaited<ReturnType<typeof createSuite>> | null = null;
  let suiteId = input.suiteId;
  if (input.newSuiteName) {
    createdSuite = await createSuite(tx, member, {
      flowId: conversation.flowId,
      name: input.newSuiteName,
      description: "",
      passThreshold: 0.9,
      gatesPublish: true,
    }).catch((error: unknown) => {
      // The form's field for a new suite is "newSuiteName", not "name".
      if (error instanceof AppError && error.fieldErrors?.name)
        throw duplicate("newSuiteName", error.fieldErrors.name[0]);
      throw error;
    });
    suiteId = createdSuite.suite.id;
  } else {
    const suite = await findSuite(tx, member, suiteId!);
    if (suite.flowId !== conversation.flowId) throw duplicate("suiteId", "Choose a suite of this conversation’s flow.");
  }
  const created = await createCase(tx, member, {
    suiteId: suiteId!,
    name: input.name,
    turns: turns.data,
    expectations: drafted.expectations,
    customerRef: drafted.customerRef,
    source: "conversation",
    sourceConversationId: conversation.id,
  });
  return { ...created, createdSuite };
}
