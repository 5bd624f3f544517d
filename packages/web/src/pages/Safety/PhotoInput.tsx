import { CameraOutlined } from "@ant-design/icons";
import { Button, Upload } from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { EvidenceFile } from "../../api/types";
import { T } from "./labels";

/** Photos taken with the phone's camera (the file input's capture) or picked, uploaded as evidence. */
export function PhotoInput({
  files,
  onChange,
  label = T.photos,
}: {
  files: UploadFile<EvidenceFile>[];
  onChange: (files: UploadFile<EvidenceFile>[]) => void;
  label?: string;
}) {
  return (
    <Upload<EvidenceFile>
      accept="image/*"
      capture="environment"
      listType="picture"
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
      <Button icon={<CameraOutlined />}>{label}</Button>
    </Upload>
  );
}
