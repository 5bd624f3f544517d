import {
  HAZARD_CATEGORY_LABELS,
  HAZARD_GRADE_LABELS,
  HAZARD_SOURCE_LABELS,
  type HazardCategory,
  ROUND_KIND_LABELS,
} from "@luoshi/contract/ledger-vocabulary";
import { App as AntApp, Checkbox, DatePicker, Form, Input, Modal, Select, Switch } from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import dayjs from "dayjs";
import { useState } from "react";
import { messageOf } from "../../api/client";
import type { EvidenceFile, Org } from "../../api/types";
import { uploadedIds } from "../../components/EvidenceUpload";
import { T } from "./labels";
import { PhotoInput } from "./PhotoInput";
import { type HazardConfig, type NewRound, safetyApi } from "./safety-api";

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Records a round: its kind, day and checklist, and the hazard it found (none: a zero report). */
export function RoundModal({
  open,
  onClose,
  onDone,
  schools,
  config,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  /** Schools the user may record for (none: their own school). */
  schools: Org[];
  config: HazardConfig | null;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [found, setFound] = useState(false);
  const [photos, setPhotos] = useState<UploadFile<EvidenceFile>[]>([]);
  const [saving, setSaving] = useState(false);
  const category = (Form.useWatch("category", form) ?? "fire") as HazardCategory;
  const items = config?.checklists[category] ?? [];

  const submit = async () => {
    const v = await form.validateFields();
    const problems: string[] = v.problems ?? [];
    const body: NewRound = {
      kind: v.kind,
      heldOn: (v.heldOn as dayjs.Dayjs).format("YYYY-MM-DD"),
      ...(v.orgId ? { orgId: v.orgId } : {}),
      checklist: items.map((item) => ({ category, item, ok: !problems.includes(item) })),
      hazards: found
        ? [
            {
              category,
              location: v.location,
              description: v.description,
              source: v.source,
              grade: v.grade,
              beforePhotos: uploadedIds(photos),
            },
          ]
        : [],
    };
    setSaving(true);
    try {
      await safetyApi.recordRound(body);
      message.success(found ? T.recorded : T.zeroRecorded);
      form.resetFields();
      setPhotos([]);
      setFound(false);
      onDone();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={T.roundTitle}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={T.submit}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "daily", heldOn: dayjs(), category: "fire", source: "thing", grade: "general" }}
      >
        <Form.Item name="kind" label={T.kind}>
          <Select options={options(ROUND_KIND_LABELS)} />
        </Form.Item>
        <Form.Item name="heldOn" label={T.heldOn} rules={[{ required: true }]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        {schools.length > 0 && (
          <Form.Item name="orgId" label={T.school} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={schools.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="category" label={T.category}>
          <Select options={options(HAZARD_CATEGORY_LABELS)} />
        </Form.Item>
        {items.length > 0 && (
          <Form.Item name="problems" label={T.checklist}>
            <Checkbox.Group options={items} style={{ display: "flex", flexDirection: "column" }} />
          </Form.Item>
        )}
        <Form.Item label={T.found} extra={found ? undefined : T.zeroHint}>
          <Switch checked={found} onChange={setFound} aria-label={T.found} />
        </Form.Item>
        {found && (
          <>
            <Form.Item name="location" label={T.location} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="description" label={T.description} rules={[{ required: true, max: 2000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="source" label={T.source}>
              <Select options={options(HAZARD_SOURCE_LABELS)} />
            </Form.Item>
            <Form.Item name="grade" label={T.grade}>
              <Select options={options(HAZARD_GRADE_LABELS)} />
            </Form.Item>
            <Form.Item label={T.photos}>
              <PhotoInput files={photos} onChange={setPhotos} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
