/**
 * The one error type of the API. `code` is stable (clients and tests match on it), `message`
 * is safe to show, `value` is the offending input, `cause` is for the log only.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details: { value?: unknown; [k: string]: unknown } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const badRequest = (
  code: string,
  message: string,
  value?: unknown,
  extra: Record<string, unknown> = {},
) => new HttpError(400, code, message, { value, ...extra });

export const notFound = (code: string, message: string, value?: unknown) =>
  new HttpError(404, code, message, { value });
