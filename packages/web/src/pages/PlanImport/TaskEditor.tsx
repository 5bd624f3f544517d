import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Col, Divider, Form, Input, InputNumber, Row, Select, Space } from "antd";
import { useEffect } from "react";
import type { Deadline, PlanTask, Target } from "../../api/types";
import { DEADLINE_KIND, L, OPS } from "../../labels";

export interface TaskEdit {
  title: string;
  units: string[];
  leadCount: number;
  deadlines: Deadline[];
  targets: Target[];
  body: string;
}

interface Props {
  task: PlanTask;
  readOnly: boolean;
  saving: boolean;
  onSave: (edit: TaskEdit) => void;
}

const nullIfBlank = (v: unknown) => (v === undefined || v === null || v === "" ? null : v);

/** Every field the parser extracted from one task, editable before publishing. */
export function TaskEditor({ task, readOnly, saving, onSave }: Props) {
  const [form] = Form.useForm<TaskEdit>();
  useEffect(() => {
    form.setFieldsValue({
      title: task.title,
      units: task.units,
      leadCount: task.leadCount,
      deadlines: task.deadlines,
      targets: task.targets,
      body: task.body,
    });
  }, [form, task]);
  const finish = (v: TaskEdit) =>
    onSave({
      ...v,
      deadlines: (v.deadlines ?? []).map((d) => ({
        text: d.text,
        kind: d.kind,
        date: nullIfBlank(d.date) as string | null,
      })),
      targets: (v.targets ?? []).map((t) => ({
        text: t.text ?? "",
        subject: t.subject,
        op: t.op,
        unit: t.unit ?? "",
        value: nullIfBlank(t.value) as number | null,
        min: nullIfBlank(t.min) as number | null,
        max: nullIfBlank(t.max) as number | null,
      })),
    });
  return (
    <Form<TaskEdit> form={form} layout="vertical" disabled={readOnly} onFinish={finish} aria-label={L.extracted}>
      <Form.Item
        label={`${L.taskTitle}（${L.taskNo} ${task.no}）`}
        name="title"
        rules={[{ required: true, message: L.required }]}
      >
        <Input />
      </Form.Item>
      <Row gutter={8}>
        <Col xs={24} md={18}>
          <Form.Item label={L.units} name="units">
            <Select mode="tags" tokenSeparators={["、", ","]} open={false} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item label={L.leadCount} name="leadCount">
            <InputNumber min={0} max={200} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{L.deadlines}</Divider>
      <Form.List name="deadlines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, "text"]} rules={[{ required: true, message: L.required }]}>
                  <Input placeholder={L.deadlineText} aria-label={L.deadlineText} />
                </Form.Item>
                <Form.Item name={[f.name, "date"]} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: "YYYY-MM-DD" }]}>
                  <Input placeholder="2024-06-30" aria-label={L.deadlineDate} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={[f.name, "kind"]} initialValue="by">
                  <Select
                    aria-label={L.deadlineKind}
                    style={{ width: 110 }}
                    options={Object.entries(DEADLINE_KIND).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
                <MinusCircleOutlined aria-label={L.remove} onClick={() => !readOnly && remove(f.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: "", date: null, kind: "by" })}>
              {L.add}
            </Button>
          </>
        )}
      </Form.List>
      <Divider titlePlacement="start">{L.targets}</Divider>
      <Form.List name="targets">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, "subject"]} rules={[{ required: true, message: L.required }]}>
                  <Input placeholder={L.subject} aria-label={L.subject} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name={[f.name, "op"]} initialValue=">=">
                  <Select
                    aria-label={L.op}
                    style={{ width: 90 }}
                    options={Object.entries(OPS).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
                <Form.Item name={[f.name, "value"]}>
                  <InputNumber placeholder={L.value} aria-label={L.value} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name={[f.name, "min"]}>
                  <InputNumber placeholder={L.min} aria-label={L.min} style={{ width: 80 }} />
                </Form.Item>
                <Form.Item name={[f.name, "max"]}>
                  <InputNumber placeholder={L.max} aria-label={L.max} style={{ width: 80 }} />
                </Form.Item>
                <Form.Item name={[f.name, "unit"]}>
                  <Input placeholder={L.measureUnit} aria-label={L.measureUnit} style={{ width: 70 }} />
                </Form.Item>
                <Form.Item name={[f.name, "text"]} hidden>
                  <Input />
                </Form.Item>
                <MinusCircleOutlined aria-label={L.remove} onClick={() => !readOnly && remove(f.name)} />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ text: "", subject: "", op: ">=", value: null, min: null, max: null, unit: "" })}
            >
              {L.add}
            </Button>
          </>
        )}
      </Form.List>
      <Divider />
      <Form.Item label={L.body} name="body">
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      {!readOnly && (
        <Button type="primary" htmlType="submit" loading={saving}>
          {L.save}
        </Button>
      )}
    </Form>
  );
}
