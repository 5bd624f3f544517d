import type { Block, DocumentFormat, ParsedDocument, ParseOptions } from "./model.js";

export function runPipeline(blocks: Block[], _options: ParseOptions, format: DocumentFormat): ParsedDocument {
  const source = blocks.map((b) => (b.kind === "paragraph" ? b.text : b.cells.join("\t"))).join("\n");
  return { plans: [], source, format, diagnostics: [] };
}
