import { DomHandler, type Options, Parser } from "htmlparser2";
import type { LimitGuard } from "./limits.js";

type Document = DomHandler["root"];

/** Builds the DOM, refusing nesting past the depth limit and counting chosen tags as they open. */
class LimitedHandler extends DomHandler {
  constructor(
    options: Options,
    private readonly guard: LimitGuard,
    private readonly onTag?: (name: string) => void,
  ) {
    super(undefined, options);
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    // The stack holds the document itself, then each open element.
    this.guard.count("TOO_DEEPLY_NESTED", this.tagStack.length);
    this.onTag?.(name);
    super.onopentag(name, attribs);
  }
}

/**
 * htmlparser2's `parseDocument` under the limits: a nesting bomb fails at the limit's depth, before
 * any recursive walk over the tree could overflow the stack, and counted tags (`w:p`) fail as soon as
 * there are too many, before the tree grows.
 */
export function parseLimited(
  text: string,
  options: Options,
  guard: LimitGuard,
  onTag?: (name: string) => void,
): Document {
  const handler = new LimitedHandler(options, guard, onTag);
  new Parser(handler, options).end(text);
  return handler.root;
}
