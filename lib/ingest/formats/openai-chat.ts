import { LIMITS, type IngestMessage, type IngestToolCall, type Truncation } from "../event";
import { argumentsText, asArray, asObject, asString, contentText, detectRole } from "../read";

// LiteLLM and Portkey both log OpenAI-style chat requests and responses; this reads the messages,
// the answer and the tool calls from them once.

export interface ChatContent {
  messages: IngestMessage[];
  output?: string;
  toolCalls: IngestToolCall[];
}

function readToolCalls(value: unknown): { id?: string; call: Omit<IngestToolCall, "arguments"> & { arguments: unknown } }[] {
  return (asArray(value) ?? []).flatMap((item) => {
    const object = asObject(item);
    const fn = asObject(object?.function);
    const name = asString(fn?.name) ?? asString(object?.name);
    if (!object || !name) return [];
    return [{ id: asString(object.id), call: { name, arguments: fn?.arguments ?? object.arguments } }];
  });
}

export function readChat(messagesValue: unknown, responseValue: unknown, truncation: Truncation): ChatContent {
  const messages: IngestMessage[] = [];
  const calls: { id?: string; call: IngestToolCall }[] = [];
  const addCalls = (value: unknown, inHistory: boolean) => {
    for (const { id, call } of readToolCalls(value)) {
      const at = `toolCalls[${calls.length}]`;
      const name = truncation.text(`${at}.name`, call.name, LIMITS.identifierChars);
      const args = truncation.text(`${at}.arguments`, argumentsText(call.arguments), LIMITS.argumentsChars);
      calls.push({ id, call: inHistory ? { name, arguments: args, inHistory } : { name, arguments: args } });
    }
  };

  if (typeof messagesValue === "string") messages.push({ role: "user", content: truncation.text("messages[0].content", messagesValue) });
  const answer = (toolCallId: string | undefined, text: string) => {
    const index = toolCallId === undefined ? -1 : calls.findIndex((entry) => entry.id === toolCallId);
    if (index !== -1) calls[index]!.call.result = truncation.text(`toolCalls[${index}].result`, text);
  };
  for (const item of asArray(messagesValue) ?? []) {
    const message = asObject(item);
    if (!message) continue;
    const role = detectRole(message.role);
    const parts = asArray(message.content) ?? [];
    const ofType = (type: string) => parts.filter((part) => asObject(part)?.type === type).map((part) => asObject(part)!);
    // Anthropic-style history: tool_use blocks in assistant turns, tool_result blocks in user turns.
    addCalls(
      ofType("tool_use").map((part) => ({ id: part.id, name: part.name, arguments: part.input })),
      true,
    );
    for (const result of ofType("tool_result")) {
      const text = contentText(result.content);
      if (text === undefined) continue;
      answer(asString(result.tool_use_id), text);
      messages.push({ role: "tool", content: truncation.text(`messages[${messages.length}].content`, text) });
    }
    const text = contentText(parts.length > 0 ? parts.filter((part) => typeof part === "string" || asObject(part)?.type !== "tool_result") : message.content);
    // A tool message answers an earlier call: its text is that call's result as well as untrusted input.
    if (role === "tool" && text !== undefined) answer(asString(message.tool_call_id), text);
    if (text !== undefined) messages.push({ role, content: truncation.text(`messages[${messages.length}].content`, text) });
    addCalls(message.tool_calls, true);
  }

  let output: string | undefined;
  if (typeof responseValue === "string") output = responseValue;
  const response = asObject(responseValue);
  const choices = asArray(response?.choices) ?? [];
  const outputs: string[] = [];
  for (const choiceValue of choices) {
    const choice = asObject(choiceValue);
    const message = asObject(choice?.message) ?? asObject(choice?.delta);
    const text = contentText(message?.content) ?? asString(choice?.text);
    if (text !== undefined) outputs.push(text);
    addCalls(message?.tool_calls, false);
  }
  // Anthropic-style responses: content parts, tool_use blocks.
  if (response && !response.choices) {
    const parts = asArray(response.content) ?? [];
    const text = contentText(parts.filter((part) => asObject(part)?.type === "text"));
    if (text !== undefined) outputs.push(text);
    addCalls(
      parts.filter((part) => asObject(part)?.type === "tool_use").map((part) => ({ id: asObject(part)?.id, name: asObject(part)?.name, arguments: asObject(part)?.input })),
      false,
    );
  }
  if (outputs.length > 0) output = outputs.join("\n");

  return {
    messages: truncation.list("messages", messages, LIMITS.messages),
    output: output === undefined ? undefined : truncation.text("output", output),
    toolCalls: truncation.list(
      "toolCalls",
      calls.map((entry) => entry.call),
      LIMITS.toolCalls,
    ),
  };
}
