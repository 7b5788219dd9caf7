// Conditions and routing rules are filtrex expressions over the conversation state: no access to globals, no
// side effects, and a syntax error is found when the flow is validated, not when a customer is waiting.
import { compileExpression } from "filtrex";

type Compiled = (data: unknown) => unknown;
const cache = new Map<string, Compiled>();
const MAX_CACHED = 2000;

/** `a.b.c` reads own properties only, so `constructor` or `__proto__` never reach into the prototype chain. */
function ownPath(name: string, _get: unknown, data: unknown): unknown {
  let value: unknown = data;
  for (const part of name.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function compile(expression: string): Compiled {
  let fn = cache.get(expression);
  if (!fn) {
    fn = compileExpression(expression, { customProp: ownPath });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(expression, fn);
  }
  return fn;
}

/** Null when the expression compiles; otherwise why not. */
export function expressionError(expression: string): string | null {
  try {
    compile(expression);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0] : String(error);
  }
}

/** Evaluates to a boolean; a runtime error inside the expression (filtrex returns it as a value) counts as false. */
export function evaluateCondition(expression: string, data: Record<string, unknown>): boolean {
  const value = compile(expression)(data);
  return value instanceof Error ? false : Boolean(value);
}
