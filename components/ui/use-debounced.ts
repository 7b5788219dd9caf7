"use client";
// A trigger that runs `action` once, `ms` after the last call in a burst (a stream's burst of notices costs one
// refresh); a pending run is cancelled on unmount. The action is read through a ref, so callers need not memoise it.
import { useCallback, useEffect, useRef } from "react";

export function useDebounced(action: () => void, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  }, [ms]);
}
