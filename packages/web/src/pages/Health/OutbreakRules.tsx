import type { OutbreakRuleView } from "@luoshi/contract";
import { SYMPTOM_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { App as AntApp, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { healthApi } from "./health-api";

/** Texts of the outbreak thresholds card. */
const R = {
  title: "传染病预警阈值",
  rule: "规则",
  symptoms: "症状",
  version: "现行版本",
  windowDays: "窗口（天）",
  threshold: "阈值（例）",
  dueHours: "报告时限（小时）",
  national: "国家默认",
  local: "本地修改",
  edit: "修改",
  reset: "恢复国家默认值",
  note: "修改依据（如县疾控文件）",
  saved: "已保存：新版本只用于此后发现的预警，已发出的预警保持原版本",
  required: "请填写",
  save: "保存",
};

/** The region's outbreak rules: national defaults, the region's values and versions; the bureau changes them. */
export function OutbreakRules({ canEdit }: { canEdit: boolean }) {
  const { message } = AntApp.useApp();
  const [rules, setRules] = useState<OutbreakRuleView[] | null>(null);
  const [editing, setEditing] = useState<OutbreakRuleView | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => void healthApi.rules().then(setRules), []);
  useEffect(load, [load]);
  const save = async (reset: boolean) => {
    if (!editing) return;
    try {
      const values = await form.validateFields();
      await healthApi.changeRule(editing.id, { ...values, ...(reset ? { reset: true } : {}) });
      void message.success(R.saved);
      setEditing(null);
      load();
    } catch (error) {
      if (error && typeof error === "object" && "errorFields" in error) return;
      void message.error(messageOf(error));
    }
  };
  const symptoms = (r: OutbreakRuleView) =>
    [r.allOf.map((x) => SYMPTOM_LABELS[x]).join("+"), r.anyOf.map((x) => SYMPTOM_LABELS[x]).join("/")]
      .filter(Boolean)
      .join(" 伴 ");
  const national = (r: OutbreakRuleView) =>
    `${r.national.windowDays}天${r.national.threshold}例·${r.national.dueHours}小时（${r.national.version}）`;
  return (
    <Card size="small" title={R.title} className="health-rules" style={{ marginTop: 16 }}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        loading={rules === null}
        dataSource={rules ?? []}
        columns={[
          { title: R.rule, dataIndex: "label" },
          { title: R.symptoms, render: (_: unknown, r) => symptoms(r) },
          {
            title: R.version,
            dataIndex: "version",
            render: (v: string, r) =>
              r.version === r.national.version ? v : <Tag color="orange">{`${R.local} ${v}`}</Tag>,
          },
          { title: R.windowDays, dataIndex: "windowDays" },
          { title: R.threshold, dataIndex: "threshold" },
          { title: R.dueHours, dataIndex: "dueHours" },
          { title: R.national, render: (_: unknown, r) => national(r) },
          ...(canEdit
            ? [
                {
                  title: "",
                  render: (_: unknown, r: OutbreakRuleView) => (
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({
                          windowDays: r.windowDays,
                          threshold: r.threshold,
                          dueHours: r.dueHours,
                          note: "",
                        });
                        setEditing(r);
                      }}
                    >
                      {R.edit}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.label}
        onCancel={() => setEditing(null)}
        footer={
          <Space>
            <Button onClick={() => void save(true)}>{R.reset}</Button>
            <Button type="primary" onClick={() => void save(false)}>
              {R.save}
            </Button>
          </Space>
        }
      >
        <Form form={form} layout="vertical" size="small">
          <Space wrap>
            <Form.Item name="windowDays" label={R.windowDays} rules={[{ required: true, message: R.required }]}>
              <InputNumber min={1} max={31} precision={0} />
            </Form.Item>
            <Form.Item name="threshold" label={R.threshold} rules={[{ required: true, message: R.required }]}>
              <InputNumber min={1} max={1000} precision={0} />
            </Form.Item>
            <Form.Item name="dueHours" label={R.dueHours} rules={[{ required: true, message: R.required }]}>
              <InputNumber min={0} max={72} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={R.note} rules={[{ required: true, message: R.required }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
