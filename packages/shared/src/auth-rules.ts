/** Sign-in rules shared by server and web (no schema code: the browser bundle imports this). */

/** Passwords are at least this long. */
export const MIN_PASSWORD_LENGTH = 12;
