"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/action";

/**
 * Runs a server action from a client form: tracks pending, keeps the answer for the form to show
 * (fieldErrors beside fields, error above the button), and refreshes the page's server data on
 * success so lists show the change.
 */
export function useServerAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, onSuccess?: (data: T) => void) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);

  function run(input: I) {
    startTransition(async () => {
      let answer: ActionResult<T>;
      try {
        answer = await action(input);
      } catch {
        answer = { ok: false, code: "error", error: "Could not reach the server. Check your connection and try again.", requestId: "" };
      }
      setResult(answer);
      if (answer.ok) {
        onSuccess?.(answer.data);
        router.refresh();
      }
    });
  }

  const failure = result && !result.ok ? result : null;
  return {
    run,
    pending,
    result,
    error: failure?.error ?? null,
    fieldErrors: failure?.fieldErrors ?? {},
    reset: () => setResult(null),
  };
}
