import { basename } from "node:path";
import { type ParsedDocument, parseDocument, toSchemaJson } from "@luoshi/plan-parser";
import { sofficeConverter } from "@luoshi/plan-parser/soffice";
import { InvalidArgumentError, Option } from "commander";
import { readUserFile, refuseBinaryToTerminal, writeOutput } from "../files.js";
import { help, msg } from "../messages.js";
import type { RegisterCommand } from "../program.js";

export const FORMATS = ["json", "xlsx", "docx", "md"] as const;
export type OutputFormat = (typeof FORMATS)[number];
const BINARY_FORMATS: ReadonlySet<OutputFormat> = new Set(["xlsx", "docx"]);

interface ParseFlags {
  format: OutputFormat;
  year?: number;
  out?: string;
}

/** Commander argument parser for --year: an integer plan year in 1990–2100. */
export function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value.trim()) || year < 1990 || year > 2100) throw new InvalidArgumentError(msg.badYear);
  return year;
}

export async function renderDocument(doc: ParsedDocument, format: OutputFormat): Promise<string | Uint8Array> {
  if (format === "json") return `${JSON.stringify(toSchemaJson(doc), null, 2)}\n`;
  // The exporters (exceljs, docx) load only when a ledger is asked for.
  const { ledgerToDocx, ledgerToMarkdown, ledgerToXlsx } = await import("@luoshi/ledger-export");
  switch (format) {
    case "xlsx":
      return ledgerToXlsx(doc);
    case "docx":
      return ledgerToDocx(doc);
    case "md":
      return ledgerToMarkdown(doc);
    default:
      return `${JSON.stringify(toSchemaJson(doc), null, 2)}\n`;
  }
}

export const registerParse: RegisterCommand = (program, { io }) => {
  program
    .command("parse")
    .description(help.parse)
    .argument("<FILE>", help.parseFile)
    .addOption(new Option("-f, --format <format>", help.format).choices(FORMATS).default("json"))
    .option("-y, --year <N>", help.year, parseYear)
    .option("-o, --out <OUT>", help.out)
    .action(async (file: string, flags: ParseFlags) => {
      const progress = (line: string) => {
        if (io.stderr.isTTY) io.stderr.write(`${line}\n`);
      };
      const target = { out: flags.out, stdout: io.stdout, format: flags.format };
      refuseBinaryToTerminal(BINARY_FORMATS.has(flags.format), target);
      const bytes = await readUserFile(file);
      progress(msg.parsing(file));
      const doc = await parseDocument(bytes, {
        filename: basename(file),
        converter: sofficeConverter(),
        ...(flags.year ? { year: flags.year } : {}),
      });
      progress(
        msg.parsed(
          doc.plans.length,
          doc.plans.reduce((n, p) => n + p.tasks.length, 0),
        ),
      );
      const content = await renderDocument(doc, flags.format);
      await writeOutput(content, target);
      if (flags.out) progress(msg.written(flags.out));
    });
};
