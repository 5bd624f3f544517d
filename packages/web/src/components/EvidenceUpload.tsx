import { UploadOutlined } from "@ant-design/icons";
import { Button, Upload } from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import { messageOf } from "../api/client";
import { api } from "../api/endpoints";
import type { EvidenceFile } from "../api/types";

/** Evidence files, uploaded as progress evidence is (POST /api/files); the ids of those uploaded. */
export const uploadedIds = (files: UploadFile<EvidenceFile>[]) =>
  files.flatMap((f) => (f.status === "done" && f.response ? [f.response.id] : []));

export function EvidenceUpload({
  files,
  onChange,
  label,
}: {
  files: UploadFile<EvidenceFile>[];
  onChange: (files: UploadFile<EvidenceFile>[]) => void;
  label: string;
}) {
  return (
    <Upload<EvidenceFile>
      fileList={files}
      onChange={({ fileList }) => onChange(fileList)}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        api
          .uploadEvidence(file as File, (percent) => onProgress?.({ percent }))
          .then(
            (f) => onSuccess?.(f),
            (e: unknown) => onError?.(new Error(messageOf(e))),
          );
      }}
    >
      <Button icon={<UploadOutlined />}>{label}</Button>
    </Upload>
  );
}
