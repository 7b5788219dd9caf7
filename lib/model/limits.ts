/** The longest customer message the engine accepts (shared with the API schema and the chat page). */
export const MAX_MESSAGE_LENGTH = 4000;

/**
 * The lengths a chosen password must have. Here rather than in password-policy.ts so that forms can state them
 * without loading the strength estimator's dictionaries.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * The largest body a server action accepts (next.config.mjs `experimental.serverActions.bodySizeLimit`, kept equal by
 * a unit test). proxy.ts answers a bigger one 413 before Next.js reads it: Next.js itself would answer 500.
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** What a visitor sees when a message is refused for its size (the 413's text/plain body, which the action throws). */
export const MESSAGE_TOO_LARGE = "This message is too large. Please send a shorter one.";
