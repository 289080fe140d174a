"use client";

import { useMutation } from "@tanstack/react-query";
import type { FieldErrors } from "@/lib/errors";
import type { ActionResult } from "@/lib/http/action";

// One way for every form to call a server action: pending state, the server's field messages, a
// form-level message, what the action returned, and a callback on success (forms that change what
// the page shows pass router.refresh there).

export function useActionMutation<I, T>(action: (input: I) => Promise<ActionResult<T>>, onSuccess?: (data: T) => void) {
  const mutation = useMutation({
    mutationFn: (input: I) => action(input),
    onSuccess: (result) => {
      if (result.ok) onSuccess?.(result.data);
    },
  });
  const failure = mutation.data && !mutation.data.ok ? mutation.data : null;
  const fieldErrors: FieldErrors = failure?.fieldErrors ?? {};
  const formError = failure ? failure.error : mutation.error ? "Warden could not be reached. Check your connection and try again." : null;
  return {
    run: mutation.mutate,
    pending: mutation.isPending,
    fieldErrors,
    formError,
    succeeded: mutation.data?.ok === true,
    /** What the last successful run returned. */
    data: mutation.data?.ok ? mutation.data.data : undefined,
    reset: mutation.reset,
  };
}
