// Where this chat was opened, for the operator's context panel: this page and the one that led here (the host page
// when the chat is embedded). Origin and path only, cut here already: the chat's own query holds the signed identity
// token, and referrers' queries can hold anything.
const MAX = 2000;

function originAndPath(value: string): string | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  // Not URL.canParse: older Safari lacks it, and a missing origin must never stop the chat from starting.
  try {
    const url = new URL(value);
    const stripped = `${url.origin}${url.pathname}`;
    return stripped.length <= MAX ? stripped : undefined;
  } catch {
    return undefined;
  }
}

export function pageOrigin(): { pageUrl?: string; referrer?: string } {
  if (typeof window === "undefined") return {};
  return { pageUrl: originAndPath(window.location.href), referrer: originAndPath(document.referrer) };
}
