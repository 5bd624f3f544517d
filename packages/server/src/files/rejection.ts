import { AppError } from "../errors.js";
import { extensionOf } from "./sniff.js";

/** What an evidence file may be, as people name the kinds. */
export const ALLOWED_KINDS = "PDF、图片（PNG/JPG/GIF/WebP）、Word/Excel/PowerPoint/WPS 文档、文本（txt/csv）";

const DETECTED: { name: string; test: (b: Uint8Array) => boolean }[] = [
  { name: "PDF 文件", test: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 },
  { name: "PNG 图片", test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { name: "JPG 图片", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { name: "压缩包或 Office 文档", test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 },
  { name: "可执行程序", test: (b) => b[0] === 0x4d && b[1] === 0x5a },
];

/**
 * Why a file was refused, in words a reporter can act on: the extension is not allowed, or the
 * content is something other than the name says. Code FILE_TYPE_NOT_ALLOWED either way.
 */
export function fileTypeRefused(bytes: Uint8Array, filename: string): AppError {
  const ext = extensionOf(filename);
  const detected = DETECTED.find((d) => d.test(bytes))?.name ?? null;
  const reason =
    detected && ext
      ? `“${filename}”的内容是${detected}，与扩展名 .${ext} 不符或不允许上传`
      : `“${filename}”的类型（${ext ? `.${ext}` : "无扩展名"}）不允许上传`;
  return new AppError(
    "FILE_TYPE_NOT_ALLOWED",
    400,
    { filename, extension: ext, detected, allowed: ALLOWED_KINDS },
    `${reason}；可上传：${ALLOWED_KINDS}`,
  );
}

/** A file over the size limit, named, with the limit in MB. */
export function fileTooLarge(filename: string, limitBytes: number): AppError {
  const mb = Math.round((limitBytes / 1024 / 1024) * 10) / 10;
  return new AppError(
    "PAYLOAD_TOO_LARGE",
    413,
    { filename, limitBytes },
    `“${filename}”超过单个文件 ${mb} MB 的大小上限，请压缩或拆分后再上传`,
  );
}
