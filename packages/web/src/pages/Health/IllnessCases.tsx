import {
  DIAGNOSIS_LABELS,
  MEDICAL_VISIT_LABELS,
  SYMPTOM_LABELS,
  type Symptom,
} from "@luoshi/contract/ledger-vocabulary";
import { App as AntApp, Button, Empty, Form, Input, Modal, Select, Skeleton, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { CaseCard } from "./CaseCard";
import { C, optionsOf } from "./case-labels";
import { type IllnessCases as Cases, healthApi } from "./health-api";

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Symptoms as tags to tap (WS/T 772), the chosen ones checked. */
export function SymptomPicker({ value = [], onChange }: { value?: Symptom[]; onChange?: (v: Symptom[]) => void }) {
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
      {(Object.entries(SYMPTOM_LABELS) as [Symptom, string][]).map(([key, label]) => (
        <Tag.CheckableTag
          key={key}
          checked={value.includes(key)}
          onChange={() => onChange?.(value.includes(key) ? value.filter((x) => x !== key) : [...value, key])}
        >
          {label}
        </Tag.CheckableTag>
      ))}
    </div>
  );
}

/** The school's illness-absence cases (a 班主任: their class's) from registration to 复课, on a phone. */
export function IllnessCases() {
  const { message } = AntApp.useApp();
  const [data, setData] = useState<Cases | null>(null);
  const [classes, setClasses] = useState<{ id: string; name: string }[]>([]);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    void healthApi.cases().then(setData);
  }, []);
  useEffect(() => {
    load();
    void healthApi.classes().then((r) => setClasses(r.classes));
  }, [load]);

  const register = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await healthApi.recordCase(v);
      void message.success(C.saved);
      setOpen(false);
      form.resetFields();
      load();
    } catch (error) {
      void message.error(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  if (!data) return <Skeleton active />;
  return (
    <div className="illness-cases">
      <Button
        type="primary"
        block
        disabled={classes.length === 0}
        style={{ marginBottom: 8 }}
        onClick={() => {
          form.setFieldsValue({ classId: classes[0]?.id, onsetOn: today(), absentFrom: today(), symptoms: [] });
          setOpen(true);
        }}
      >
        {C.register}
      </Button>
      {data.cases.length === 0 && <Empty description={C.none} />}
      {data.cases.map((c) => (
        <CaseCard key={c.id} item={c} schoolDoctor={data.scope === "school"} onDone={load} />
      ))}
      <Modal
        open={open}
        title={C.register}
        onCancel={() => setOpen(false)}
        onOk={() => void register()}
        okText={C.save}
        confirmLoading={saving}
        width={360}
      >
        <Form form={form} layout="vertical" size="small">
          <Form.Item name="classId" label={C.cls} rules={[{ required: true, message: C.required }]}>
            <Select options={classes.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="studentName" label={C.studentName} rules={[{ required: true, message: C.required }]}>
            <Input maxLength={50} />
          </Form.Item>
          <div style={{ display: "flex", gap: 8 }}>
            <Form.Item name="onsetOn" label={C.onsetOn} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="absentFrom" label={C.absentFrom} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input type="date" />
            </Form.Item>
          </div>
          <Form.Item
            name="symptoms"
            label={C.symptoms}
            rules={[{ required: true, type: "array", min: 1, message: C.pickSymptom }]}
          >
            <SymptomPicker />
          </Form.Item>
          <Form.Item name="medicalVisit" label={C.medicalVisit}>
            <Select allowClear options={optionsOf(MEDICAL_VISIT_LABELS)} />
          </Form.Item>
          <Form.Item name="diagnosis" label={C.diagnosis}>
            <Select allowClear showSearch optionFilterProp="label" options={optionsOf(DIAGNOSIS_LABELS)} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
