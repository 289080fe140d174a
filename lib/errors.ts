// Domain code throws these; the request wrappers (lib/http/*) turn them into status codes and
// messages. Anything else becomes a generic error with a request id, never a stack trace.

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict",
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = "Sign in to continue.") {
    super(message, "unauthenticated");
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "Your role does not allow this.") {
    super(message, "forbidden");
  }
}

/** Used for both missing and not-visible objects, so callers cannot probe for existence. */
export class NotFoundError extends DomainError {
  constructor(what = "That item") {
    super(`${what} was not found.`, "not_found");
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(message, "invalid", fieldErrors);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(message, "conflict", fieldErrors);
  }
}

export const HTTP_STATUS: Record<DomainError["code"], number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 422,
  conflict: 409,
};
