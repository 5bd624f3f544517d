import { DROPOUT_REASON_LABELS, DROPOUT_RISK_LABELS } from "@luoshi/contract/dropout-vocabulary";
import { App as AntApp, Button, Form, Input, Select } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { optionsOf } from "./CaseModal";
import { type DropoutCaseDetail, dropoutApi } from "./dropout-api";
import { D } from "./labels";

/**
 * 更正登记: a mistaken entry of the case (年级, 风险等级, 原因, 包保责任人) corrected with its reason; the
 * server keeps it as a new history entry (nothing deleted, audited).
 */
export function CaseCorrection({
  item,
  onCorrected,
}: {
  item: DropoutCaseDetail;
  onCorrected: (c: DropoutCaseDetail) => void;
}) {
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const f = item.fields;

  const submit = async () => {
    const { note, ...values } = form.getFieldsValue();
    const fields = Object.fromEntries(
      Object.entries(values).filter(([k, value]) => value !== undefined && value !== "" && value !== f[k]),
    );
    setBusy(true);
    try {
      onCorrected(await dropoutApi.correct(item.id, { fields, note: note ?? "" }));
      message.success(D.done);
      setOpen(false);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (!open) return <Button onClick={() => setOpen(true)}>{D.correct}</Button>;
  return (
    <Form
      form={form}
      layout="vertical"
      data-correction={item.id}
      initialValues={{ grade: f.grade, riskLevel: f.riskLevel, reason: f.reason, responsibleName: f.responsibleName }}
    >
      <Form.Item name="grade" label={D.grade}>
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item name="riskLevel" label={D.riskLevel}>
        <Select options={optionsOf(DROPOUT_RISK_LABELS)} />
      </Form.Item>
      <Form.Item name="reason" label={D.reason}>
        <Select options={optionsOf(DROPOUT_REASON_LABELS)} />
      </Form.Item>
      <Form.Item name="responsibleName" label={D.responsibleName}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label={D.correctionNote}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" loading={busy} onClick={submit}>
        {D.submitCorrection}
      </Button>
    </Form>
  );
}
