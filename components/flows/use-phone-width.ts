// Whether the window is phone-sized (under 768 px): the designer is read-only there, since dragging nodes, wiring
// handles and a three-column editor do not fit a phone, while looking at a flow (pan, zoom) still does.
"use client";
import { useSyncExternalStore } from "react";

const PHONE_QUERY = "(max-width: 767.98px)";

function subscribe(onChange: () => void) {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

export function usePhoneWidth(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    // The server cannot know the width: it renders the editor, and a phone switches to read-only on hydration.
    () => false,
  );
}
