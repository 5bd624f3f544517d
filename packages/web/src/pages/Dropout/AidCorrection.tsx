import {
  AID_LEVEL_LABELS,
  AID_METHOD_LABELS,
  AID_PROGRAMME_LABELS,
  AID_STAGE_LABELS,
  AID_TERM_LABELS,
  SPECIAL_GROUP_LABELS,
} from "@luoshi/contract/dropout-vocabulary";
import { App as AntApp, Button, Form, Input, InputNumber, Modal, Select } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { optionsOf } from "./CaseModal";
import { type AidRecord, dropoutApi } from "./dropout-api";
import { D } from "./labels";

export type AidKind = "identification" | "payment";

/** The fields a correction of each kind offers (the server checks which are editable). */
const FIELDS: Record<AidKind, string[]> = {
  identification: ["grade", "stage", "basis", "level", "appliedOn"],
  payment: ["stage", "programme", "term", "amount", "paidOn", "method"],
};

/**
 * 更正登记 of an aid record (认定 or 发放): the mistaken entries with the reason; the server keeps it as a
 * new history entry (nothing deleted, audited). Usable on a phone (the dialog fits 360 px).
 */
export function AidCorrectionButton({
  kind,
  record,
  onDone,
}: {
  kind: AidKind;
  record: AidRecord;
  onDone: () => void;
}) {
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const f = record.fields;

  const submit = async () => {
    const { note, ...values } = await form.validateFields();
    const fields = Object.fromEntries(
      Object.entries(values).filter(([k, v]) => v !== undefined && v !== null && v !== "" && v !== f[k]),
    );
    setBusy(true);
    try {
      await dropoutApi.correctAid(kind, record.id, { fields, note });
      message.success(D.done);
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const shown = new Set(FIELDS[kind]);
  const select = (name: string, label: string, labels: Record<string, string>) =>
    shown.has(name) && (
      <Form.Item name={name} label={label}>
        <Select options={optionsOf(labels)} aria-label={label} />
      </Form.Item>
    );
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-correct={record.id}>
        {D.correct}
      </Button>
      <Modal
        title={kind === "identification" ? D.correctIdentification : D.correctPayment}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={D.submitCorrection}
        confirmLoading={busy}
        width={Math.min(520, window.innerWidth)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={Object.fromEntries(FIELDS[kind].map((k) => [k, f[k]]))}
        >
          {shown.has("grade") && (
            <Form.Item name="grade" label={D.grade}>
              <Input maxLength={20} />
            </Form.Item>
          )}
          {select("stage", D.stage, AID_STAGE_LABELS)}
          {select("basis", D.basis, SPECIAL_GROUP_LABELS)}
          {select("level", D.level, AID_LEVEL_LABELS)}
          {select("programme", D.programme, AID_PROGRAMME_LABELS)}
          {select("term", D.term, AID_TERM_LABELS)}
          {shown.has("amount") && (
            <Form.Item name="amount" label={D.amount}>
              <InputNumber min={0} max={100000} style={{ width: "100%" }} aria-label={D.amount} />
            </Form.Item>
          )}
          {shown.has("appliedOn") && (
            <Form.Item name="appliedOn" label={D.appliedOn}>
              <Input type="date" />
            </Form.Item>
          )}
          {shown.has("paidOn") && (
            <Form.Item name="paidOn" label={D.paidOn}>
              <Input type="date" />
            </Form.Item>
          )}
          {select("method", D.method, AID_METHOD_LABELS)}
          <Form.Item name="note" label={D.correctionNote} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea maxLength={2000} aria-label={D.correctionNote} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
