import type { BackupProgress } from "@luoshi/server";
import type { CliIO } from "../io.js";
import { serverMsg } from "./serve-messages.js";

/** Backup and restore progress as counted lines on stderr (stdout keeps the one-line result). */
export const progressLines =
  (io: CliIO) =>
  (p: BackupProgress | { phase: "verified"; rows: number; files: number }): void => {
    const text =
      p.phase === "table"
        ? serverMsg.progressTable(p.table, p.rows)
        : p.phase === "files"
          ? serverMsg.progressFiles(p.done, p.total)
          : serverMsg.verified(p.rows, p.files);
    io.stderr.write(`${text}\n`);
  };
