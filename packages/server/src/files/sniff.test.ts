import { describe, expect, it } from "vitest";
import { sniffAllowed } from "./sniff.js";

const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
const RTF = new TextEncoder().encode("{\\rtf1\\ansi 工作要点\\par}");

describe("upload sniffing", () => {
  it("accepts the legacy and WPS Office formats offices send, typed by their extension", () => {
    expect(sniffAllowed(OLE, "计划.doc")?.mime).toBe("application/msword");
    expect(sniffAllowed(OLE, "计划.wps")?.mime).toBe("application/vnd.ms-works");
    expect(sniffAllowed(OLE, "分解表.et")?.mime).toBe("application/vnd.ms-excel");
    expect(sniffAllowed(ZIP, "计划.odt")?.mime).toBe("application/vnd.oasis.opendocument.text");
    expect(sniffAllowed(ZIP, "分解表.ods")?.mime).toBe("application/vnd.oasis.opendocument.spreadsheet");
    expect(sniffAllowed(RTF, "计划.rtf")?.mime).toBe("application/rtf");
    // Word saves RTF under a .doc name when asked to keep the old extension.
    expect(sniffAllowed(RTF, "计划.doc")?.mime).toBe("application/msword");
  });

  it("still refuses content that does not match its name", () => {
    expect(sniffAllowed(OLE, "照片.png")).toBeUndefined();
    expect(sniffAllowed(RTF, "计划.pdf")).toBeUndefined();
    expect(sniffAllowed(ZIP, "计划.et")).toBeUndefined();
  });
});
