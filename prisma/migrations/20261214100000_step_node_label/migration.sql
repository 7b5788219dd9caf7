-- A step carries its node's label, and the engine no longer writes a "node" span beside each step: that span was a
-- copy of the step (its id, times, status, input and output) plus the label. Readers make a step's node span from the
-- step (lib/platform/trace/node-span.ts). Steps written before this have their node span row and no label.
ALTER TABLE "Step" ADD COLUMN "nodeLabel" TEXT;
