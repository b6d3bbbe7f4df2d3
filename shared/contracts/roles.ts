import * as z from "zod";

/**
 * The roles a user has, apart from the rest of the auth contract: every
 * function reads sessions, which store the role, and so loads this module;
 * the login, user and audit schemas load only where they are served.
 */
export const roleSchema = z.enum(["agent", "admin"]);
