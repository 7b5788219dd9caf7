-- Search over transcripts, customers and order numbers (lib/features/search/): trigram GIN indexes answer the
-- substring match (ILIKE '%…%') the console's search box runs, for patterns of three characters or more.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Message_text_idx" ON "Message" USING GIN ("text" gin_trgm_ops);
CREATE INDEX "Customer_name_idx" ON "Customer" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "Customer_email_idx" ON "Customer" USING GIN ("email" gin_trgm_ops);
CREATE INDEX "Customer_ref_idx" ON "Customer" USING GIN ("ref" gin_trgm_ops);
CREATE INDEX "Order_number_idx" ON "Order" USING GIN ("number" gin_trgm_ops);
-- Live's keyset pages walk conversations by (updatedAt, id) within a workspace.
CREATE INDEX "Conversation_workspaceId_updatedAt_id_idx" ON "Conversation" ("workspaceId", "updatedAt", "id");
