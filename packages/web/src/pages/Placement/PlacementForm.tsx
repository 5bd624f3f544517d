import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, InputNumber, Progress, Select, Upload } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { PL } from "./labels";
import { type CreateInput, issuesOf, type PlacementIssue } from "./placement-api";

interface Props {
  schools: { id: string; name: string }[];
  onSubmit: (input: CreateInput, onProgress: (percent: number) => void) => Promise<unknown>;
}

interface Values {
  name: string;
  schoolId?: string;
  classCount: number;
  capacities?: string;
  drawPlan?: string;
}

const TABLE_ACCEPT = ".csv,.xlsx";
const CAPACITIES = /^\s*\d+(\s*[,，、\s]\s*\d+)*\s*$/;

/** One chosen file, kept in the form's state rather than uploaded on its own. */
function FilePick({ id, file, onChange }: { id: string; file: File | undefined; onChange: (f?: File) => void }) {
  return (
    <div id={id}>
      <Upload
        accept={TABLE_ACCEPT}
        maxCount={1}
        beforeUpload={(f) => {
          onChange(f);
          return false;
        }}
        onRemove={() => onChange(undefined)}
        fileList={file ? [{ uid: id, name: file.name, status: "done" }] : []}
      >
        <Button icon={<UploadOutlined />}>{PL.chooseFile}</Button>
      </Upload>
    </div>
  );
}

/**
 * Step 1 (承诺) of a placement: roster (+ teachers), class count, capacities and the announced draw plan;
 * the public draw itself is entered later, after the commitment is published.
 * A refused roster shows every row problem the server names, as the school must fix them all.
 */
export function PlacementForm({ schools, onSubmit }: Props) {
  const [form] = Form.useForm<Values>();
  const [roster, setRoster] = useState<File>();
  const [teachers, setTeachers] = useState<File>();
  const [rosterMissing, setRosterMissing] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ message: string; issues: PlacementIssue[] } | null>(null);

  const submit = async (values: Values) => {
    if (!roster) {
      setRosterMissing(true);
      return;
    }
    setError(null);
    setProgress(0);
    try {
      await onSubmit(
        {
          name: values.name.trim(),
          classCount: values.classCount,
          capacities: (values.capacities ?? "").trim(),
          drawPlan: (values.drawPlan ?? "").trim(),
          ...(values.schoolId ? { schoolId: values.schoolId } : {}),
          roster,
          ...(teachers ? { teachers } : {}),
        },
        setProgress,
      );
    } catch (e) {
      setError({ message: messageOf(e), issues: issuesOf(e) });
    } finally {
      setProgress(null);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      onFinishFailed={() => !roster && setRosterMissing(true)}
    >
      <Form.Item name="name" label={PL.name} rules={[{ required: true, whitespace: true, message: PL.nameRequired }]}>
        <Input placeholder={PL.namePlaceholder} maxLength={200} />
      </Form.Item>
      {schools.length > 0 && (
        <Form.Item name="schoolId" label={PL.school} extra={PL.schoolHint}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="classCount"
        label={PL.classCount}
        rules={[{ required: true, type: "integer", min: 1, max: 200, message: PL.classCountInvalid }]}
      >
        <InputNumber min={1} max={200} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        name="capacities"
        label={PL.capacities}
        extra={PL.capacitiesHint}
        dependencies={["classCount"]}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value?: string) => {
              if (!value || value.trim() === "") return Promise.resolve();
              if (!CAPACITIES.test(value)) return Promise.reject(new Error(PL.capacitiesInvalid));
              const count = value.trim().split(/[,，、\s]+/).length;
              const classes = getFieldValue("classCount") as number | undefined;
              if (count > 1 && classes && count !== classes)
                return Promise.reject(new Error(PL.capacitiesCount(classes)));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <Input inputMode="numeric" placeholder="45,45,45,44" />
      </Form.Item>
      <Form.Item name="drawPlan" label={PL.drawPlan} extra={PL.drawPlanHint}>
        <Input.TextArea rows={2} maxLength={500} placeholder={PL.drawPlanPlaceholder} />
      </Form.Item>
      <Form.Item
        label={PL.roster}
        required
        extra={PL.rosterHint}
        validateStatus={rosterMissing ? "error" : undefined}
        help={rosterMissing ? PL.rosterRequired : undefined}
      >
        <FilePick
          id="placement-roster"
          file={roster}
          onChange={(f) => {
            setRoster(f);
            setRosterMissing(false);
          }}
        />
      </Form.Item>
      <Form.Item label={PL.teachers} extra={PL.teachersHint}>
        <FilePick id="placement-teachers" file={teachers} onChange={setTeachers} />
      </Form.Item>
      {error && (
        <Alert
          role="alert"
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={error.message}
          description={
            error.issues.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: "auto" }}>
                {error.issues.map((i, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity beyond their order
                  <li key={n}>
                    <code>{i.code}</code> {i.text}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {progress !== null && (
        <div role="status" style={{ marginBottom: 16 }}>
          <Progress percent={progress} status="active" />
          {progress === 100 ? PL.placing : PL.uploading}
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={progress !== null} block>
        {PL.run}
      </Button>
    </Form>
  );
}
