import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Popconfirm, Space } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { validValues } from "../../components/form-values";
import { PL } from "./labels";
import type { DrawInput } from "./placement-api";

interface Values {
  draw: string;
  source?: string;
  witnesses: { name?: string; role?: string }[];
}

/** Step 2 (摇号): the public numbers, their source and the witnesses; sent once, after a confirmation. */
export function DrawForm({ onDraw }: { onDraw: (input: DrawInput) => Promise<unknown> }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    const values = await validValues(form);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await onDraw({
        draw: values.draw.trim(),
        source: (values.source ?? "").trim(),
        witnesses: values.witnesses.map((w) => ({ name: (w.name ?? "").trim(), role: (w.role ?? "").trim() })),
      });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ witnesses: [{}] }}>
      <Form.Item
        name="draw"
        label={PL.draw}
        extra={PL.drawHint}
        rules={[{ required: true, whitespace: true, message: PL.drawRequired }]}
      >
        <Input placeholder="03 11 25 31 40 + 07" maxLength={200} />
      </Form.Item>
      <Form.Item name="source" label={PL.drawSource}>
        <Input placeholder={PL.drawSourcePlaceholder} maxLength={200} />
      </Form.Item>
      <Form.List
        name="witnesses"
        rules={[
          {
            validator: async (_, list?: unknown[]) => {
              if (!list || list.length === 0) throw new Error(PL.witnessRequired);
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={PL.witnesses} required>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" wrap style={{ display: "flex" }}>
                <Form.Item
                  name={[field.name, "name"]}
                  rules={[{ required: true, whitespace: true, message: PL.witnessNameRequired }]}
                >
                  <Input placeholder={PL.witnessName} aria-label={`${PL.witnessName}${i + 1}`} maxLength={50} />
                </Form.Item>
                <Form.Item name={[field.name, "role"]}>
                  <Input
                    placeholder={PL.witnessRolePlaceholder}
                    aria-label={`${PL.witnessRole}${i + 1}`}
                    maxLength={50}
                  />
                </Form.Item>
                {fields.length > 1 && (
                  <MinusCircleOutlined aria-label={`删除见证人${i + 1}`} onClick={() => remove(field.name)} />
                )}
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
              {PL.addWitness}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Popconfirm title={PL.drawConfirm} onConfirm={send} okText="确认录入" cancelText="取消">
        <Button type="primary" loading={busy}>
          {PL.drawSubmit}
        </Button>
      </Popconfirm>
    </Form>
  );
}
