import { DownloadOutlined, EyeOutlined, PaperClipOutlined } from "@ant-design/icons";
import { Button, Modal, Space } from "antd";
import { useState } from "react";
import { api } from "../api/endpoints";
import { L } from "../labels";

export interface AttachmentFile {
  id: string;
  filename: string;
  contentType: string;
}

const IMAGE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
/** Whether the browser can show the file in the page (the server's PREVIEWABLE types). */
export const previewKind = (contentType: string): "image" | "pdf" | null =>
  IMAGE.has(contentType) ? "image" : contentType === "application/pdf" ? "pdf" : null;

/**
 * Evidence files as links: pictures and PDF open in a preview (the file served inline, under the
 * same access rules as its download), other files download.
 */
export function Attachments({ files }: { files: readonly AttachmentFile[] }) {
  const [open, setOpen] = useState<AttachmentFile | null>(null);
  const kind = open ? previewKind(open.contentType) : null;
  if (files.length === 0) return null;
  return (
    <Space orientation="vertical" size={2}>
      {files.map((f) => (
        <a
          key={f.id}
          href={api.fileUrl(f.id)}
          download={f.filename}
          data-attachment={f.id}
          style={{ wordBreak: "break-all" }}
          onClick={(e) => {
            if (!previewKind(f.contentType)) return;
            e.preventDefault();
            setOpen(f);
          }}
        >
          {previewKind(f.contentType) ? <EyeOutlined /> : <PaperClipOutlined />} {f.filename}
        </a>
      ))}
      <Modal
        open={open !== null}
        title={open ? L.previewOf(open.filename) : L.preview}
        onCancel={() => setOpen(null)}
        width="min(960px, 96vw)"
        centered
        destroyOnHidden
        footer={
          open && (
            <Button icon={<DownloadOutlined />} href={api.fileUrl(open.id)} download={open.filename}>
              {L.download}
            </Button>
          )
        }
      >
        {open && kind === "image" && (
          <img
            src={api.filePreviewUrl(open.id)}
            alt={open.filename}
            style={{ display: "block", maxWidth: "100%", maxHeight: "75vh", margin: "0 auto" }}
          />
        )}
        {open && kind === "pdf" && (
          <iframe
            src={api.filePreviewUrl(open.id)}
            title={L.previewFrame(open.filename)}
            style={{ width: "100%", height: "75vh", border: 0 }}
          />
        )}
      </Modal>
    </Space>
  );
}
