/** The longest customer message the engine accepts (shared with the API schema and the chat page). */
export const MAX_MESSAGE_LENGTH = 4000;
