import type { FastifyReply } from "fastify";

/** The Content-Disposition of a download named in Chinese (RFC 5987, read by every browser we serve). */
export const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Sends a generated file as a download under its own name. */
export const sendFile = (reply: FastifyReply, type: string, file: { filename: string; bytes: Uint8Array }) =>
  reply
    .type(type)
    .header("content-disposition", attachment(file.filename))
    .send(
      Buffer.isBuffer(file.bytes)
        ? file.bytes
        : Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
    );
