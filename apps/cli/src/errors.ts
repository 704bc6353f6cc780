/**
 * @module errors
 * The CLI's contract with its users: a problem with their input or their data is one line on stderr
 * and a non-zero exit, never a stack trace. Library code throws ordinary `Error`/`RangeError`s whose
 * messages already name the problem and the place; `UserError` is for problems the CLI itself finds.
 */

/** A problem the user can fix (bad argument, missing data). Exit code 2 for usage, 1 otherwise. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** One line for the user; the stack only when TONGILNET_DEBUG is set. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const message = error.message.split('\n')[0] || error.name;
    if (process.env.TONGILNET_DEBUG && error.stack) return error.stack;
    return message;
  }
  return String(error);
}
