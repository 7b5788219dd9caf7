// How a throttled sign-in reaches the sign-in page. next-auth turns the message of an error thrown by `authorize`
// into the `error` code (`?error=…` on the page, `result.error` for the form's signIn), so the code carries the wait.
// Pure: the page and the form (in the browser) read it with the same function.

const PREFIX = "TooManyAttempts.";
const CODE = /^TooManyAttempts\.(\d{1,5})$/;

export function throttledErrorCode(retryAfterSeconds: number): string {
  return `${PREFIX}${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** "45 seconds", "1 minute", "2 minutes": a wait over a minute is rounded up to whole minutes. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

/** The sentence for a throttled sign-in's error code, or null for any other code. */
export function throttledMessage(error: string | null | undefined): string | null {
  const match = error ? CODE.exec(error) : null;
  if (!match) return null;
  return `Too many attempts. Try again in ${waitText(Math.max(1, Number(match[1])))}.`;
}
