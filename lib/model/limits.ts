/** The longest customer message the engine accepts (shared with the API schema and the chat page). */
export const MAX_MESSAGE_LENGTH = 4000;

/**
 * The lengths a chosen password must have. Here rather than in password-policy.ts so that forms can state them
 * without loading the strength estimator's dictionaries.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
