// The settings every read-only view of a flow shares (version diffs, a conversation's path): nothing can be moved,
// connected or selected, and the whole graph fits the frame. Nodes and edges are not tab stops either: focusing one
// does nothing here, so they would only be a long row of invisible stops between the page's real controls.
import type { ReactFlowProps } from "@xyflow/react";

export const READ_ONLY_CANVAS_PROPS = {
  nodesDraggable: false,
  nodesConnectable: false,
  elementsSelectable: false,
  nodesFocusable: false,
  edgesFocusable: false,
  fitView: true,
  fitViewOptions: { padding: 0.15 },
  minZoom: 0.1,
  proOptions: { hideAttribution: true },
} satisfies Partial<ReactFlowProps>;
