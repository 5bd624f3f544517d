import type { IllnessCaseTransition } from "@luoshi/contract";
import {
  DIAGNOSIS_LABELS,
  LEDGER_ACTION_LABELS,
  LEDGER_STATE_LABELS,
  MEDICAL_VISIT_LABELS,
  SYMPTOM_LABELS,
} from "@luoshi/contract/ledger-vocabulary";
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Tag, Timeline } from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import { useState } from "react";
import { messageOf } from "../../api/client";
import type { EvidenceFile } from "../../api/types";
import { EvidenceUpload, uploadedIds } from "../../components/EvidenceUpload";
import { C, optionsOf } from "./case-labels";
import { healthApi, type IllnessCaseDetail, type IllnessCases } from "./health-api";

type Item = IllnessCases["cases"][number];
const STATE_COLOURS: Record<string, string> = { ill_absent: "orange", resume_pending: "blue", resumed: "green" };
const label = (labels: Record<string, string>, v: string | null | undefined) => (v ? (labels[v] ?? v) : "");
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** One student's case: state, onset, symptoms, and the steps the caller may take now (随访, 复课, 查验). */
export function CaseCard({ item, schoolDoctor, onDone }: { item: Item; schoolDoctor: boolean; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [action, setAction] = useState<IllnessCaseTransition | null>(null);
  const [files, setFiles] = useState<UploadFile<EvidenceFile>[]>([]);
  const [history, setHistory] = useState<IllnessCaseDetail["history"] | null>(null);
  const [name, setName] = useState(item.studentName);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  const start = (a: IllnessCaseTransition) => {
    form.resetFields();
    form.setFieldsValue(
      a === "follow_up" ? { followOn: today() } : a === "request_resume" ? { resumeOn: today() } : {},
    );
    setFiles([]);
    setAction(a);
  };
  const save = async () => {
    if (!action) return;
    const { note, ...v } = await form.validateFields();
    const fields = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ""));
    if (action === "request_resume" && files.length > 0) fields.certificate = uploadedIds(files);
    setSaving(true);
    try {
      await healthApi.stepCase(item.id, { action, fields, ...(note ? { note } : {}) });
      void message.success(C.saved);
      setAction(null);
      onDone();
    } catch (error) {
      void message.error(messageOf(error));
    } finally {
      setSaving(false);
    }
  };
  const showHistory = async () => setHistory(history ? null : (await healthApi.caseDetail(item.id)).history);

  const steps: IllnessCaseTransition[] =
    item.state === "ill_absent"
      ? ["follow_up", "request_resume"]
      : item.state === "resume_pending" && schoolDoctor
        ? ["verify_resume", "reject_resume"]
        : [];
  const titles: Record<IllnessCaseTransition, string> = {
    follow_up: C.followUp,
    request_resume: C.requestResume,
    verify_resume: C.verify,
    reject_resume: C.reject,
  };

  return (
    <Card size="small" className="illness-case" data-student={item.studentName} style={{ marginBottom: 8 }}>
      <div style={{ display: "flex", justifyContent: "space-between", gap: 8, flexWrap: "wrap" }}>
        <strong>
          {name} · {item.className}
        </strong>
        <Tag color={STATE_COLOURS[item.state]}>{label(LEDGER_STATE_LABELS, item.state)}</Tag>
      </div>
      <div style={{ color: "#555", fontSize: 13, marginTop: 4 }}>
        {C.onsetOn} {item.onsetOn} · {C.daysAbsent(item.daysAbsent)} · {C.followCount(item.followCount)}
        <br />
        {item.symptoms.map((s) => SYMPTOM_LABELS[s]).join("、")}
        {item.diagnosis ? ` · ${label(DIAGNOSIS_LABELS, item.diagnosis)}` : ""}
        {item.medicalVisit ? ` · ${label(MEDICAL_VISIT_LABELS, item.medicalVisit)}` : ""}
        {item.resumeOn ? ` · ${C.resumeOn} ${item.resumeOn}` : ""}
      </div>
      <Space wrap style={{ marginTop: 6 }}>
        {steps.map((a) => (
          <Button key={a} size="small" type={a === "reject_resume" ? "default" : "primary"} onClick={() => start(a)}>
            {titles[a]}
          </Button>
        ))}
        <Button size="small" type="link" onClick={() => void showHistory()}>
          {C.history}
        </Button>
        {name.includes("*") && (
          <Button
            size="small"
            type="link"
            onClick={() => void healthApi.revealCase(item.id).then((r) => setName(r.studentName))}
          >
            {C.reveal}
          </Button>
        )}
      </Space>
      {history && (
        <Timeline
          style={{ marginTop: 8 }}
          items={history.map((h) => ({
            children: `${h.at.slice(0, 16).replace("T", " ")} ${label(LEDGER_ACTION_LABELS, h.action)} ${h.actorName ?? ""}${h.note ? `：${h.note}` : ""}`,
          }))}
        />
      )}
      <Modal
        open={action !== null}
        title={action ? titles[action] : ""}
        onCancel={() => setAction(null)}
        onOk={() => void save()}
        okText={C.save}
        confirmLoading={saving}
        width={360}
      >
        <Form form={form} layout="vertical" size="small">
          {action === "follow_up" && (
            <>
              <Form.Item name="followOn" label={C.followOn} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="followNote" label={C.followNote} rules={[{ required: true, message: C.required }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {action === "request_resume" && (
            <>
              <Form.Item name="resumeOn" label={C.resumeOn} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              <div style={{ color: "#888", fontSize: 12, marginBottom: 6 }}>{C.certificateHint}</div>
              <div style={{ marginBottom: 8 }}>
                <EvidenceUpload files={files} onChange={setFiles} label={C.certificate} camera />
              </div>
              <Form.Item name="certificateIssuer" label={C.certificateIssuer}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          {(action === "follow_up" || action === "request_resume") && (
            <>
              <Form.Item name="medicalVisit" label={C.medicalVisit} initialValue={item.medicalVisit ?? undefined}>
                <Select allowClear options={optionsOf(MEDICAL_VISIT_LABELS)} />
              </Form.Item>
              <Form.Item name="diagnosis" label={C.diagnosis} initialValue={item.diagnosis ?? undefined}>
                <Select allowClear showSearch optionFilterProp="label" options={optionsOf(DIAGNOSIS_LABELS)} />
              </Form.Item>
            </>
          )}
          {action === "verify_resume" && (
            <Form.Item name="verifyNote" label={C.verifyNote}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
          {action === "reject_resume" && (
            <Form.Item name="note" label={C.rejectNote} rules={[{ required: true, message: C.required }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
