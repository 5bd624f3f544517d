import { DROPOUT_REASON_LABELS, DROPOUT_RISK_LABELS, DROPOUT_SOURCE_LABELS } from "@luoshi/contract/dropout-vocabulary";
import { App as AntApp, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { dropoutApi, todayString } from "./dropout-api";
import { D } from "./labels";

export const optionsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The student as every form names them: name and 学籍号 (the key cases and aid records match on). */
export function StudentFields() {
  return (
    <>
      <Form.Item name="studentName" label={D.studentName} rules={[{ required: true }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="studentNo" label={D.studentNo} rules={[{ required: true, pattern: /^[A-Za-z0-9]{6,32}$/ }]}>
        <Input maxLength={32} />
      </Form.Item>
    </>
  );
}

/** A school records a student at risk of dropping out. */
export function CaseModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const clean = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ""));
      await dropoutApi.record(clean as never);
      message.success(D.recorded);
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true }];
  return (
    <Modal
      title={D.recordTitle}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText={D.submit}
      confirmLoading={busy}
      width={Math.min(520, window.innerWidth)}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ riskLevel: "high", reason: "study_weariness", source: "absence", foundOn: todayString() }}
      >
        <StudentFields />
        <Form.Item name="grade" label={D.grade} rules={required}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="guardianName" label={D.guardianName}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="guardianPhone" label={D.guardianPhone}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="riskLevel" label={D.riskLevel} rules={required}>
          <Select options={optionsOf(DROPOUT_RISK_LABELS)} aria-label={D.riskLevel} />
        </Form.Item>
        <Form.Item name="reason" label={D.reason} rules={required}>
          <Select options={optionsOf(DROPOUT_REASON_LABELS)} aria-label={D.reason} />
        </Form.Item>
        <Form.Item name="source" label={D.source} rules={required}>
          <Select options={optionsOf(DROPOUT_SOURCE_LABELS)} aria-label={D.source} />
        </Form.Item>
        <Form.Item name="foundOn" label={D.foundOn} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="responsibleName" label={D.responsibleName} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
