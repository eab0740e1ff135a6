/** Lengths the customer's forms and the API share; here, outside lib/schemas, so the tracking page's bundle needs no zod for them. */
export const MAX_INSTRUCTIONS_LENGTH = 300;
export const MAX_FEEDBACK_COMMENT_LENGTH = 1000;
