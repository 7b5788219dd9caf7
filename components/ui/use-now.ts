"use client";
// The current time for client components, ticking at a given interval. Null while rendering on the server and
// during hydration (so server and client markup agree); the real time right after.
import { useSyncExternalStore } from "react";

const stores = new Map<number, { subscribe: (cb: () => void) => () => void; get: () => number }>();

function storeFor(intervalMs: number) {
  let store = stores.get(intervalMs);
  if (!store) {
    let snapshot = Date.now();
    const listeners = new Set<() => void>();
    let timer: ReturnType<typeof setInterval> | undefined;
    store = {
      subscribe(cb) {
        listeners.add(cb);
        if (!timer) {
          snapshot = Date.now();
          timer = setInterval(() => {
            snapshot = Date.now();
            listeners.forEach((l) => l());
          }, intervalMs);
        }
        return () => {
          listeners.delete(cb);
          if (listeners.size === 0 && timer) {
            clearInterval(timer);
            timer = undefined;
          }
        };
      },
      get: () => snapshot,
    };
    stores.set(intervalMs, store);
  }
  return store;
}

const serverSnapshot = () => null;

export function useNow(intervalMs = 15_000): number | null {
  const store = storeFor(intervalMs);
  return useSyncExternalStore(store.subscribe, store.get, serverSnapshot);
}
