"use server";
// Test suites, their cases and runs. Every mutation needs eval.run and is audited in its transaction.
import { z } from "zod";
import { defineAction, type AuditRecord } from "@/lib/features/define-action";
import { AppError } from "@/lib/model/errors";
import {
  describeImportErrors,
  detectFormat,
  MAX_IMPORT_BYTES,
  parseCasesFile,
} from "@/lib/features/evals/import-cases";
import { createEvalRun } from "@/lib/features/evals/run-suite";
import {
  createCase,
  createCaseSchema,
  createSuite,
  createSuiteSchema,
  deleteCase,
  deleteCaseSchema,
  deleteSuite,
  deleteSuiteSchema,
  importCases,
  saveConversationAsCase,
  saveConversationCaseSchema,
  updateCase,
  updateCaseSchema,
  updateSuite,
  updateSuiteSchema,
} from "@/lib/features/evals/suites";

const revalidate = ["/evals"];

export const createSuiteAction = defineAction({
  permission: "eval.run",
  schema: createSuiteSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const { suite, after } = await createSuite(tx, member, input);
    return {
      data: { suiteId: suite.id },
      audit: { action: "eval_suite.created", resourceType: "eval_suite", resourceId: suite.id, after },
    };
  },
});

export const updateSuiteAction = defineAction({
  permission: "eval.run",
  schema: updateSuiteSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const { suite, before, after } = await updateSuite(tx, member, input);
    return {
      data: { suiteId: suite.id },
      audit: { action: "eval_suite.updated", resourceType: "eval_suite", resourceId: suite.id, before, after },
    };
  },
});

export const deleteSuiteAction = defineAction({
  permission: "eval.run",
  schema: deleteSuiteSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const { suite, before } = await deleteSuite(tx, member, input);
    return {
      data: { suiteId: suite.id },
      audit: { action: "eval_suite.deleted", resourceType: "eval_suite", resourceId: suite.id, before },
    };
  },
});

export const createCaseAction = defineAction({
  permission: "eval.run",
  schema: createCaseSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const created = await createCase(tx, member, input);
    return {
      data: { caseId: created.case.id },
      audit: {
        action: "eval_case.created",
        resourceType: "eval_case",
        resourceId: created.case.id,
        after: created.after,
      },
    };
  },
});

export const updateCaseAction = defineAction({
  permission: "eval.run",
  schema: updateCaseSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const updated = await updateCase(tx, member, input);
    return {
      data: { caseId: updated.case.id },
      audit: {
        action: "eval_case.updated",
        resourceType: "eval_case",
        resourceId: updated.case.id,
        before: updated.before,
        after: updated.after,
      },
    };
  },
});

export const deleteCaseAction = defineAction({
  permission: "eval.run",
  schema: deleteCaseSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const deleted = await deleteCase(tx, member, input);
    return {
      data: { caseId: deleted.case.id },
      audit: {
        action: "eval_case.deleted",
        resourceType: "eval_case",
        resourceId: deleted.case.id,
        before: deleted.before,
      },
    };
  },
});

const importSchema = z.object({
  suiteId: z.string().trim().min(1).max(200),
  fileName: z.string().max(300).default(""),
  text: z.string().max(MAX_IMPORT_BYTES + 1000),
});

/** Parses the file server-side too (the browser is not trusted); any bad row rejects the whole file. */
export const importCasesAction = defineAction({
  permission: "eval.run",
  schema: importSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const format = detectFormat(input.fileName, input.text);
    const parsed = parseCasesFile(input.text, format);
    if (!parsed.ok) {
      const problems = describeImportErrors(parsed.errors);
      throw new AppError("VALIDATION", {
        message: problems.join(" "),
        userMessage: "Nothing was imported.",
        fieldErrors: { file: problems },
      });
    }
    // Rows as parseCasesFile numbers them: a CSV's header is row 1, a JSON array's first item row 1.
    const imported = await importCases(
      tx,
      member,
      { suiteId: input.suiteId, cases: parsed.cases },
      (i) => `Row ${i + (format === "csv" ? 2 : 1)}`,
    );
    return {
      data: { count: imported.count },
      audit: {
        action: "eval_case.imported",
        resourceType: "eval_suite",
        resourceId: imported.suite.id,
        after: { count: imported.count, names: imported.names },
        metadata: { format, fileName: input.fileName || null },
      },
    };
  },
});

export const saveConversationAsCaseAction = defineAction({
  permission: "eval.run",
  schema: saveConversationCaseSchema,
  revalidate,
  handler: async (input, { member, tx }) => {
    const saved = await saveConversationAsCase(tx, member, input);
    const audit: AuditRecord[] = [];
    if (saved.createdSuite) {
      audit.push({
        action: "eval_suite.created",
        resourceType: "eval_suite",
        resourceId: saved.createdSuite.suite.id,
        after: saved.createdSuite.after,
      });
    }
    audit.push({
      action: "eval_case.saved_from_conversation",
      resourceType: "eval_case",
      resourceId: saved.case.id,
      after: saved.after,
      metadata: { conversationId: input.conversationId },
    });
    return { data: { caseId: saved.case.id, suiteId: saved.suite.id, suiteName: saved.suite.name }, audit };
  },
});

const runSchema = z.discriminatedUnion("target", [
  z.object({ suiteId: z.string().trim().min(1).max(200), target: z.literal("draft") }),
  z.object({
    suiteId: z.string().trim().min(1).max(200),
    target: z.literal("version"),
    versionId: z.string().trim().min(1).max(200),
  }),
]);

export const runSuiteAction = defineAction({
  permission: "eval.run",
  schema: runSchema,
  revalidate,
  // A draft run may freeze a test version first, which trains its routers (BANKING77: ~20 s on a small machine).
  timeoutMs: 120_000,
  handler: async (input, { member, tx }) => {
    const { runId } = await createEvalRun(tx, member, input);
    return {
      data: { runId },
      audit: {
        // The runner records eval_run.started and eval_run.finished when the worker picks it up.
        action: "eval_run.queued",
        resourceType: "eval_run",
        resourceId: runId,
        after: {
          suiteId: input.suiteId,
          target: input.target,
          versionId: input.target === "version" ? input.versionId : null,
        },
      },
    };
  },
});
