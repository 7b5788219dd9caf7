// GET /flows/:flowId/export[?version=N] → the draft (or published version N) as a .flow.json download.
import { requireMember } from "@/lib/platform/auth/current-member";
import { AppError, toAppError } from "@/lib/model/errors";
import { exportFlowFile } from "@/lib/features/flows/export-flow";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ flowId: string }> }) {
  try {
    const { flowId } = await params;
    const member = await requireMember("flow.read");
    const raw = new URL(request.url).searchParams.get("version");
    let version: number | undefined;
    if (raw !== null) {
      version = Number(raw);
      if (!/^\d{1,9}$/.test(raw) || version < 1)
        throw new AppError("BAD_REQUEST", {
          userMessage: "version must be a published version number, e.g. ?version=3.",
        });
    }
    const { filename, file } = await exportFlowFile({ workspaceId: member.workspaceId, flowId, version });
    return new Response(`${JSON.stringify(file, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) console.error("[export]", appError.message);
    return Response.json(
      { error: { code: appError.code, message: appError.userMessage } },
      { status: appError.status },
    );
  }
}
