"use client";
// Single-key shortcuts for a page. Never fires while the person types in a field or holds a modifier, so it cannot
// steal keys from inputs; handlers are read through a ref so callers need not memoise them.
import { useEffect, useRef } from "react";
import { isPlainKey, isTypingTarget } from "@/lib/features/inbox/shortcuts";

export function useShortcuts(handlers: Record<string, (event: KeyboardEvent) => void>) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isPlainKey(event) || isTypingTarget(event.target as HTMLElement | null)) return;
      const handler = ref.current[event.key];
      if (!handler) return;
      handler(event);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
