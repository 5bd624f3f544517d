import { describe, expect, it } from "vitest";
import { decodeCsvBytes, parseCsvText } from "./roster-csv.js";

describe("CSV reader", () => {
  it("handles quotes, doubled quotes, embedded newlines and CRLF", () => {
    const table = parseCsvText('姓名,备注\r\n"王,五","说""好的""\n第二行"\r\n李四,\n');
    expect(table.rows).toEqual([
      { row: 1, cells: ["姓名", "备注"] },
      { row: 2, cells: ["王,五", '说"好的"\n第二行'] },
      { row: 3, cells: ["李四", ""] },
    ]);
  });

  it("decodes UTF-8 with BOM and falls back to GB18030 (Excel's Chinese CSV)", () => {
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xe5, 0xa7, 0x93]))).toBe("姓");
    // "姓名" in GBK.
    expect(decodeCsvBytes(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb]))).toBe("姓名");
  });
});
