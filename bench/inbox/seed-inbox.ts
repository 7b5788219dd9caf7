// bench:inbox's data, in bulk SQL straight into the demo workspace (the one the signed-in admin sees): customers with
// an order each, conversations on the Retail support flow with a four-message transcript (customer, agent, customer,
// agent), and open escalations on the most recent ones. Everything is generated inside Postgres with generate_series,
// in chunks, so 100,000 conversations take about a minute rather than an hour through the engine. Ids start with
// "bench-inbox-", so a second run against the same database would collide instead of doubling silently.
import pg from "pg";

export type InboxSeed = {
  conversations: number;
  escalations: number;
  customers: number;
  /** Shapes the search figures use: an order number and an e-mail that exist, words from the transcripts. */
  samples: { orderNumber: string; email: string; commonWord: string; rareWord: string; missing: string };
};

const CUSTOMER_TEXTS = [
  "Where is my order {order}? It has not arrived yet.",
  "I want a refund for order {order}, the jacket does not fit.",
  "The parcel arrived damaged, the box was crushed.",
  "Can I change the delivery address on {order}?",
  "My card was charged twice for the same order.",
  "How do I return the running shoes I bought last week?",
  "Do you ship to Canada and how long does it take?",
  "The tracking page says delivered but nothing is here.",
];
const AGENT_TEXTS = [
  "Let me look that up for you.",
  "I can help with that. Could you confirm the e-mail on the order?",
  "Thanks, I have opened a request for our team.",
  "Sorry about that! I am checking the order now.",
];
/** One conversation in RARE_EVERY mentions it: a word search with few matches. */
const RARE_WORD = "kaleidoscope";
const RARE_EVERY = 5_000;

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;

export async function seedInbox(
  databaseUrl: string,
  options: {
    conversations: number;
    escalations: number;
    customers: number;
    chunk?: number;
    log: (line: string) => void;
  },
): Promise<InboxSeed> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const flow = await client.query<{ workspaceId: string; flowId: string; versionId: string }>(
      `SELECT f."workspaceId", f.id AS "flowId", f."publishedVersionId" AS "versionId" FROM "Flow" f
       JOIN "Workspace" w ON w.id = f."workspaceId" WHERE w.slug = 'acme-retail' AND f.slug = 'retail-support'`,
    );
    if (!flow.rows[0]?.versionId) throw new Error("The demo's Retail support flow is not published in this database.");
    const { workspaceId, flowId, versionId } = flow.rows[0];

    let started = Date.now();
    await client.query(
      `INSERT INTO "Customer" (id, "workspaceId", ref, name, email)
       SELECT 'bench-inbox-cust-' || i, $1, 'BI-' || i,
              (ARRAY['Ada','Ben','Chloe','Dev','Eva','Femi','Gus','Hana'])[1 + i % 8] || ' ' ||
              (ARRAY['Lovelace','Okafor','Martin','Patel','Novak','Silva','Berg','Kim'])[1 + (i / 8) % 8] || ' ' || i,
              'customer' || i || '@inbox-bench.test'
       FROM generate_series(1, $2::int) i`,
      [workspaceId, options.customers],
    );
    await client.query(
      `INSERT INTO "Order" (id, "workspaceId", number, "customerId", status, "totalCents", "shippingAddress", "placedAt")
       SELECT 'bench-inbox-order-' || i, $1, 'B' || (100000 + i), 'bench-inbox-cust-' || i, 'shipped', 4999, '{}'::jsonb,
              now() - (i % 60) * interval '1 day'
       FROM generate_series(1, $2::int) i`,
      [workspaceId, options.customers],
    );
    options.log(
      `  ${options.customers.toLocaleString("en")} customers with an order each in ${Date.now() - started} ms`,
    );

    started = Date.now();
    const chunk = options.chunk ?? 10_000;
    for (let from = 1; from <= options.conversations; from += chunk) {
      const to = Math.min(options.conversations, from + chunk - 1);
      // Conversation i was last active i minutes ago over the last 30 days; the first `escalations` are escalated and
      // waiting for a person, the rest active, resolved or abandoned.
      await client.query(
        `INSERT INTO "Conversation" (id, "workspaceId", "flowId", "flowVersionId", "customerId", channel, status, "waitingFor",
                                     "startedAt", "updatedAt", "endedAt", "eventCount")
         SELECT 'bench-inbox-conv-' || i, $1, $2, $3,
                CASE WHEN i % 5 < 3 THEN 'bench-inbox-cust-' || (1 + i % $6::int) END,
                CASE WHEN i % 4 = 0 THEN 'api' ELSE 'web' END,
                (CASE WHEN i <= $7 THEN 'escalated' WHEN i % 3 = 0 THEN 'active' WHEN i % 3 = 1 THEN 'resolved' ELSE 'abandoned' END)::"ConversationStatus",
                CASE WHEN i <= $7 THEN 'human' WHEN i % 3 = 0 THEN 'customer' END,
                now() - (i % 43200) * interval '1 minute' - interval '5 minutes',
                now() - (i % 43200) * interval '1 minute',
                CASE WHEN i > $7 AND i % 3 <> 0 THEN now() - (i % 43200) * interval '1 minute' END,
                2
         FROM generate_series($4::int, $5::int) i`,
        [workspaceId, flowId, versionId, from, to, options.customers, options.escalations],
      );
      await client.query(
        `INSERT INTO "Message" (id, "conversationId", seq, role, text, "createdAt")
         SELECT 'bench-inbox-msg-' || i || '-' || s, 'bench-inbox-conv-' || i, s,
                (CASE WHEN s % 2 = 0 THEN 'customer' ELSE 'agent' END)::"MessageRole",
                CASE WHEN s % 2 = 0
                  THEN replace((${sqlArray(CUSTOMER_TEXTS)})[1 + (i + s) % ${CUSTOMER_TEXTS.length}], '{order}',
                               'B' || (100000 + 1 + i % $3::int))
                       || CASE WHEN s = 0 AND i % ${RARE_EVERY} = 0 THEN ' ${RARE_WORD}' ELSE '' END
                  ELSE (${sqlArray(AGENT_TEXTS)})[1 + (i + s) % ${AGENT_TEXTS.length}] END,
                now() - (i % 43200) * interval '1 minute' - (4 - s) * interval '1 minute'
         FROM generate_series($1::int, $2::int) i, generate_series(0, 3) s`,
        [from, to, options.customers],
      );
      await client.query(
        `INSERT INTO "Escalation" (id, "workspaceId", "conversationId", status, reason, queue, priority, "slaDueAt", "createdAt")
         SELECT 'bench-inbox-esc-' || i, $1, 'bench-inbox-conv-' || i, 'open',
                (ARRAY['Customer asked for a person','Refund above the limit','Damaged parcel','Payment dispute'])[1 + i % 4],
                'general', 1 + i % 3, now() + (i % 120 - 30) * interval '1 minute', now() - (i % 43200) * interval '1 minute'
         FROM generate_series($2::int, $3::int) i`,
        [workspaceId, from, Math.min(to, options.escalations)],
      );
      options.log(`  ${to.toLocaleString("en")} conversations (${Date.now() - started} ms)`);
    }
    await client.query(`ANALYZE "Conversation", "Message", "Escalation", "Customer", "Order"`);
    const sample = Math.min(42, options.customers);
    return {
      conversations: options.conversations,
      escalations: Math.min(options.escalations, options.conversations),
      customers: options.customers,
      samples: {
        orderNumber: `B${100000 + sample}`,
        email: `customer${sample}@inbox-bench.test`,
        commonWord: "damaged",
        rareWord: RARE_WORD,
        missing: "xylophone",
      },
    };
  } finally {
    await client.end();
  }
}
