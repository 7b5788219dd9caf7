"use client";
// One console server-sent-events stream (a conversation's, the Inbox queue's): its connection state, its named events,
// and a catch-up call after a reconnect (whatever happened while the stream was down was never sent). The handlers
// are read through a ref, so callers need not memoise them and the stream is opened once per URL.
import { useEffect, useRef, useState } from "react";

export type StreamState = "connecting" | "live" | "reconnecting";

export function useConsoleStream(
  url: string,
  handlers: { events: Record<string, (data: string) => void>; onReconnect: () => void },
): StreamState {
  const [state, setState] = useState<StreamState>("connecting");
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const source = new EventSource(url);
    let opened = false;
    source.addEventListener("ready", () => {
      setState("live");
      if (opened) ref.current.onReconnect();
      opened = true;
    });
    for (const name of Object.keys(ref.current.events))
      source.addEventListener(name, (event) => ref.current.events[name]?.((event as MessageEvent<string>).data));
    source.onerror = () => setState("reconnecting");
    return () => source.close();
  }, [url]);
  return state;
}
