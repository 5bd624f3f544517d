import type { UploadFile } from "antd/es/upload/interface";
import type { EvidenceFile } from "../../api/types";
import { EvidenceUpload } from "../../components/EvidenceUpload";
import { T } from "./labels";

/** Photos taken with the phone's camera or picked, uploaded as evidence. */
export function PhotoInput({
  files,
  onChange,
  label = T.photos,
}: {
  files: UploadFile<EvidenceFile>[];
  onChange: (files: UploadFile<EvidenceFile>[]) => void;
  label?: string;
}) {
  return <EvidenceUpload files={files} onChange={onChange} label={label} camera />;
}
