import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import {
  addCounts,
  emptyCounts,
  isPlanParseError,
  parseDocument,
  type ScoreCounts,
  type ScoredDocument,
  type ScoreReport,
  scoreCounts,
  toReport,
  toSchemaJson,
} from "@luoshi/plan-parser";
import { sofficeConverter } from "@luoshi/plan-parser/soffice";

export const DOCUMENT_EXTENSIONS = [
  ".txt",
  ".html",
  ".htm",
  ".docx",
  ".pdf",
  ".xlsx",
  ".doc",
  ".wps",
  ".rtf",
  ".odt",
  ".xls",
  ".et",
  ".ods",
];
const converter = sofficeConverter();

export interface DocumentResult {
  file: string;
  report: ScoreReport;
  /** Set when the document could not be read; it is then scored as an empty prediction. */
  error?: { code: string; messageZh: string };
}

export interface EvalResult {
  documents: DocumentResult[];
  /** Documents without a readable gold file. */
  skipped: { file: string; reason: "no_gold" | "gold_unreadable" }[];
  /** Micro-averaged over all scored documents (counts summed, then the metrics); null when none was scored. */
  overall: ScoreReport | null;
}

/** Document file names in docsDir (symlinks followed), in a stable order. */
export async function listDocuments(docsDir: string): Promise<string[]> {
  const names = (await readdir(docsDir)).filter((name) => DOCUMENT_EXTENSIONS.includes(extname(name).toLowerCase()));
  const files: string[] = [];
  for (const name of names) if ((await stat(join(docsDir, name)).catch(() => null))?.isFile()) files.push(name);
  return files.sort((a, b) => a.localeCompare(b, "zh-Hans-CN"));
}

async function readGold(path: string): Promise<ScoredDocument | "missing" | "unreadable"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return "missing";
  }
  try {
    return JSON.parse(text) as ScoredDocument;
  } catch {
    return "unreadable";
  }
}

/** Parses every document of docsDir and scores it against goldDir/<base name>.json. */
export async function evaluate(
  docsDir: string,
  goldDir: string,
  onProgress: (done: number, total: number, file: string) => void = () => {},
): Promise<EvalResult> {
  const files = await listDocuments(docsDir);
  const result: EvalResult = { documents: [], skipped: [], overall: null };
  let total: ScoreCounts = emptyCounts();
  for (const [i, file] of files.entries()) {
    onProgress(i, files.length, file);
    const gold = await readGold(join(goldDir, `${basename(file, extname(file))}.json`));
    if (gold === "missing" || gold === "unreadable") {
      result.skipped.push({ file, reason: gold === "missing" ? "no_gold" : "gold_unreadable" });
      continue;
    }
    const { pred, error } = await predict(join(docsDir, file));
    const counts = scoreCounts(gold, pred);
    total = addCounts(total, counts);
    result.documents.push({ file, report: toReport(counts), ...(error ? { error } : {}) });
  }
  onProgress(files.length, files.length, "");
  if (result.documents.length) result.overall = toReport(total);
  return result;
}

async function predict(path: string): Promise<{ pred: ScoredDocument; error?: DocumentResult["error"] }> {
  try {
    const doc = await parseDocument(new Uint8Array(await readFile(path)), { filename: basename(path), converter });
    return { pred: toSchemaJson(doc) as ScoredDocument };
  } catch (error) {
    if (!isPlanParseError(error)) throw error;
    return { pred: { plans: [] }, error: { code: error.code, messageZh: error.messageZh } };
  }
}
