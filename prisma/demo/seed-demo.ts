// Seeds the demo workspace once: Acme Retail's business data and the two demo flows, published as version 1, with
// their evaluation suites.
import { bankingDemoCards } from "./banking-data";
import "server-only";
import { auditLog } from "@/lib/platform/audit/audit-log";
import type { Db } from "@/lib/platform/db/client";
import { publishFlow } from "@/lib/features/flows/publish-flow";
import { flowGraphSchema } from "@/lib/model/flow/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bankingFlowGraph } from "./banking-flow";
import { readBanking77 } from "./read-banking77";
import { retailDemoData } from "./retail-data";
import { retailFlowGraph } from "./retail-flow";
import { seedDemoEvalSuites } from "./seed-eval-suites";

export const DEMO_WORKSPACE_SLUG = "acme-retail";

const SYSTEM = { type: "system", label: "demo seed" } as const;

export async function seedDemo(client: Db): Promise<{ workspaceId: string; created: boolean }> {
  const existing = await client.workspace.findUnique({ where: { slug: DEMO_WORKSPACE_SLUG } });
  if (existing) {
    // A workspace seeded before the suites existed gets them on its next start; nothing already there changes.
    await seedDemoEvalSuites(client, existing.id);
    return { workspaceId: existing.id, created: false };
  }

  const data = retailDemoData();
  const bankingRows = readBanking77();

  return client.$transaction(
    async (tx) => {
      const workspace = await tx.workspace.create({
        data: { slug: DEMO_WORKSPACE_SLUG, name: "Acme Retail", assistantName: "Acme Assistant" },
      });
      await tx.customer.createMany({ data: data.customers.map((c) => ({ ...c, workspaceId: workspace.id })) });
      await tx.product.createMany({ data: data.products.map((p) => ({ ...p, workspaceId: workspace.id })) });
      const customers = new Map(
        (await tx.customer.findMany({ where: { workspaceId: workspace.id } })).map((c) => [c.ref, c.id]),
      );
      const products = new Map(
        (await tx.product.findMany({ where: { workspaceId: workspace.id } })).map((p) => [p.sku, p]),
      );
      await tx.card.createMany({
        data: bankingDemoCards(data.customers.map((c) => c.ref)).map((card) => ({
          workspaceId: workspace.id,
          customerId: customers.get(card.customerRef)!,
          last4: card.last4,
          brand: card.brand,
        })),
      });

      for (const order of data.orders) {
        const lines = order.items.map((item) => ({ ...item, product: products.get(item.sku)! }));
        const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.product.priceCents, 0);
        await tx.order.create({
          data: {
            workspaceId: workspace.id,
            number: order.number,
            customerId: customers.get(order.customerRef)!,
            status: order.status,
            totalCents,
            shippingAddress: order.shippingAddress as Prisma.InputJsonValue,
            carrier: order.carrier,
            trackingNumber: order.trackingNumber,
            placedAt: order.placedAt,
            shippedAt: order.shippedAt,
            deliveredAt: order.deliveredAt,
            items: {
              create: lines.map((line) => ({
                productId: line.product.id,
                quantity: line.quantity,
                unitPriceCents: line.product.priceCents,
              })),
            },
            payments: {
              create: {
                amountCents: totalCents,
                refundedCents: order.payment.status === "refunded" ? totalCents : 0,
                method: order.payment.method,
                cardLast4: order.payment.cardLast4,
                status: order.payment.status,
                capturedAt: order.placedAt,
              },
            },
          },
        });
      }

      const flows = [
        {
          slug: "retail-support",
          name: "Retail support",
          description:
            "Order status, refunds, cancellations, address changes, billing disputes and hand-off to people.",
          graph: retailFlowGraph(),
        },
        {
          slug: "banking-support",
          name: "Banking support",
          description: "Routes the 77 BANKING77 intents to specialist agents; unclear requests go to the care team.",
          graph: bankingFlowGraph(bankingRows),
        },
      ];
      for (const flow of flows) {
        const created = await tx.flow.create({
          data: {
            workspaceId: workspace.id,
            slug: flow.slug,
            name: flow.name,
            description: flow.description,
            draft: flowGraphSchema.parse(flow.graph) as unknown as Prisma.InputJsonValue,
          },
        });
        await publishFlow(tx, { flowId: created.id, note: "Initial version (demo seed)", actor: SYSTEM });
      }
      await seedDemoEvalSuites(tx, workspace.id);

      await auditLog(
        {
          workspaceId: workspace.id,
          actor: SYSTEM,
          action: "workspace.seeded",
          resourceType: "workspace",
          resourceId: workspace.id,
          after: { customers: data.customers.length, orders: data.orders.length, flows: flows.map((f) => f.slug) },
        },
        tx,
      );
      return { workspaceId: workspace.id, created: true };
    },
    { timeout: 180_000, maxWait: 10_000 },
  );
}
