import { UploadOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Slider,
  Tag,
  Typography,
  Upload,
} from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import { useState } from "react";
import { messageOf } from "../../api/client";
import type { EvidenceFile, Indicator, ReportInput, TaskPeriods } from "../../api/types";
import { formatTarget } from "../../components/format";
import { L, PUB, STATUS, type TaskStatus } from "../../labels";
import { evidenceNeeded, narrativeNeeded } from "./report-rules";

interface Props {
  indicators: Indicator[];
  /** The due periods (none in the future) and the plan's rules for what a report carries. */
  periods: TaskPeriods;
  onSubmit: (input: ReportInput) => Promise<void>;
  uploadFile: (file: File, onProgress: (percent: number) => void) => Promise<EvidenceFile>;
}

interface Values {
  period: string;
  status: TaskStatus;
  percent: number;
  narrative: string;
  actuals: Record<string, number | null | undefined>;
}

/**
 * One progress report: the period (picked from the due ones), status, percent, narrative,
 * indicator actuals and evidence, checked against the plan's rules before it is sent (the server
 * checks again). Every field takes a full row on a phone (xs=24), so nothing scrolls sideways at 360 px.
 */
export function ProgressForm({ indicators, periods, onSubmit, uploadFile }: Props) {
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile<EvidenceFile>[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { rules } = periods;
  const uploaded = files.flatMap((f) => (f.status === "done" && f.response ? [f.response.id] : []));
  const refused = files.filter((f) => f.status === "error");

  const submit = async (values: Values) => {
    if (files.some((f) => f.status === "uploading")) return setError(PUB.fileUploading);
    if (evidenceNeeded(rules, values.status) && uploaded.length === 0)
      return setError(rules.evidence === "always" ? PUB.evidenceRequired : PUB.evidenceRequiredWhenDone);
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        period: values.period,
        status: values.status,
        percent: values.percent,
        narrative: values.narrative?.trim() ?? "",
        actuals: Object.entries(values.actuals ?? {})
          .filter((e): e is [string, number] => typeof e[1] === "number")
          .map(([indicatorId, value]) => ({ indicatorId, value })),
        fileIds: uploaded,
      });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        period: periods.current ?? undefined,
        status: "in_progress",
        percent: 0,
        narrative: "",
        actuals: {},
      }}
      onValuesChange={(changed: Partial<Values>) => {
        // The server holds `done` and 100% together: each follows the other here.
        if (changed.status === "done") form.setFieldValue("percent", 100);
        if (changed.percent === 100) form.setFieldValue("status", "done");
      }}
      style={{ maxWidth: "100%" }}
    >
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item label={L.period} name="period" rules={[{ required: true, message: PUB.periodPick }]}>
            <Select
              aria-label={L.period}
              placeholder={periods.periods.length === 0 ? PUB.noDuePeriods : PUB.periodPick}
              disabled={periods.periods.length === 0}
              options={periods.periods.map((p) => ({
                value: p.period,
                label: (
                  <span data-period={p.period}>
                    {p.label}{" "}
                    <Tag color={p.reported ? "green" : "orange"} style={{ marginInlineEnd: 0 }}>
                      {p.reported ? PUB.periodReported : PUB.periodNotReported}
                    </Tag>
                  </span>
                ),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item label={L.status} name="status" rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" style={{ display: "flex", flexWrap: "wrap" }}>
              {Object.entries(STATUS).map(([value, label]) => (
                <Radio.Button key={value} value={value}>
                  {label}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label={L.percent} required>
            <Row gutter={8} wrap={false}>
              <Col flex="auto">
                <Form.Item name="percent" noStyle>
                  <Slider min={0} max={100} />
                </Form.Item>
              </Col>
              <Col flex="88px">
                <Form.Item name="percent" noStyle rules={[{ required: true }]}>
                  <InputNumber aria-label={L.percent} min={0} max={100} suffix="%" style={{ width: "100%" }} />
                </Form.Item>
              </Col>
            </Row>
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            label={L.narrative}
            name="narrative"
            dependencies={["status"]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value?: string) =>
                  narrativeNeeded(rules, getFieldValue("status")) && !value?.trim()
                    ? Promise.reject(
                        new Error(rules.narrative === "always" ? PUB.narrativeAlways : L.narrativeRequired),
                      )
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.TextArea rows={4} maxLength={10000} placeholder={L.narrativePlaceholder} />
          </Form.Item>
        </Col>
        {indicators.length > 0 && (
          <Col xs={24}>
            <Typography.Text strong>{L.indicatorActuals}</Typography.Text>
            {indicators.map((i) => (
              <Form.Item
                key={i.id}
                name={["actuals", i.id]}
                label={`${i.subject}（${L.target}：${formatTarget({ op: i.op, value: i.targetValue, min: i.targetMin, max: i.targetMax, unit: i.unit })}）`}
                style={{ marginTop: 8 }}
              >
                <InputNumber aria-label={i.subject} style={{ width: "100%" }} suffix={i.unit || undefined} />
              </Form.Item>
            ))}
          </Col>
        )}
        <Col xs={24}>
          <Form.Item label={L.evidence} extra={L.evidenceHint} required={rules.evidence === "always"}>
            <Upload<EvidenceFile>
              fileList={files}
              onChange={({ fileList }) => setFiles(fileList)}
              customRequest={({ file, onProgress, onSuccess, onError }) => {
                uploadFile(file as File, (percent) => onProgress?.({ percent })).then(
                  (f) => onSuccess?.(f),
                  (e: unknown) => onError?.(new Error(messageOf(e))),
                );
              }}
            >
              <Button icon={<UploadOutlined />}>{L.uploadEvidence}</Button>
            </Upload>
            {refused.map((f) => (
              <Alert
                key={f.uid}
                type="error"
                showIcon
                data-testid="file-refused"
                style={{ marginTop: 8 }}
                title={`${PUB.fileRefused}：${f.error?.message ?? f.name}`}
              />
            ))}
          </Form.Item>
        </Col>
      </Row>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {L.submit}
      </Button>
    </Form>
  );
}
