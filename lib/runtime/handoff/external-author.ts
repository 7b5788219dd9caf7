// How a contact centre's message is signed in the transcript: the endpoint's name, then the agent's when given
// ("Acme CC · Jane"), so the customer and the console can tell it from the bot and from in-house operators.
const MAX_AUTHOR = 120;

export function externalAuthor(endpointName: string, author: string | undefined | null): string {
  const who = author?.replace(/\s+/g, " ").trim();
  const label = who ? `${endpointName} · ${who}` : endpointName;
  return label.length > MAX_AUTHOR ? `${label.slice(0, MAX_AUTHOR - 1)}…` : label;
}
