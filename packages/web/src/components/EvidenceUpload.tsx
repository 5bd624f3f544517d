import { CameraOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Upload } from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import { messageOf } from "../api/client";
import { api } from "../api/endpoints";
import type { EvidenceFile } from "../api/types";

/** Evidence files, uploaded as progress evidence is (POST /api/files); the ids of those uploaded. */
export const uploadedIds = (files: UploadFile<EvidenceFile>[]) =>
  files.flatMap((f) => (f.status === "done" && f.response ? [f.response.id] : []));

/** `camera`: pictures only, taken with the phone's camera (the file input's capture) or picked. */
export function EvidenceUpload({
  files,
  onChange,
  label,
  camera = false,
}: {
  files: UploadFile<EvidenceFile>[];
  onChange: (files: UploadFile<EvidenceFile>[]) => void;
  label: string;
  camera?: boolean;
}) {
  return (
    <Upload<EvidenceFile>
      {...(camera ? { accept: "image/*", capture: "environment", listType: "picture" } : {})}
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
      <Button icon={camera ? <CameraOutlined /> : <UploadOutlined />}>{label}</Button>
    </Upload>
  );
}
