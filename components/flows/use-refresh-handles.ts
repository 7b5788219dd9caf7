// React Flow measures a node's handles when the node mounts or resizes. Renaming a route (or adding one at the same
// size) changes a handle's id without either, and React Flow then cannot find the handle a link starts from and
// leaves the link undrawn. So a node re-measures its handles whenever the ids of its outputs change.
"use client";
import { useUpdateNodeInternals } from "@xyflow/react";
import { useEffect, useRef } from "react";

export function useRefreshHandles(nodeId: string, outputIds: readonly string[]) {
  const updateNodeInternals = useUpdateNodeInternals();
  const key = outputIds.join("\n");
  const measured = useRef(key);
  useEffect(() => {
    if (measured.current === key) return;
    measured.current = key;
    updateNodeInternals(nodeId);
  }, [key, nodeId, updateNodeInternals]);
}
