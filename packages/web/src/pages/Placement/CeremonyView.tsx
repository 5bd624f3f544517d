import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Steps, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { formatTime } from "../../components/format";
import { DrawForm } from "./DrawForm";
import { PL } from "./labels";
import { type Ceremony, type CeremonyFileKind, placementApi } from "./placement-api";

const STEP = { committed: 1, drawn: 2, done: 3 } as const;

/** Splits "标签：值" lines into description items, values copyable. */
export const lineItems = (lines: string[]) =>
  lines.map((line, i) => {
    const at = line.indexOf("：");
    return {
      key: String(i),
      label: at < 0 ? "" : line.slice(0, at),
      children: (
        <Typography.Text copyable style={{ wordBreak: "break-all", fontFamily: "monospace" }}>
          {at < 0 ? line : line.slice(at + 1)}
        </Typography.Text>
      ),
    };
  });

const download = (c: Ceremony, kind: CeremonyFileKind, label: string, primary = false) => (
  <Button
    key={kind}
    type={primary ? "primary" : "default"}
    icon={<DownloadOutlined />}
    href={placementApi.ceremonyFileUrl(c.id, kind)}
    download
  >
    {label}
  </Button>
);

/** 补录: a name and the late students' roster, committed against this finished round. */
function SupplementForm({ base, onCommitted }: { base: Ceremony; onCommitted: (id: string) => void }) {
  const [name, setName] = useState(`${base.name}补录`);
  const [roster, setRoster] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    if (!roster) return;
    setBusy(true);
    setError(null);
    try {
      onCommitted((await placementApi.commitSupplement(base.id, name.trim(), roster)).id);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary">{PL.supplementHint}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={PL.supplementName}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Form.Item>
        <Form.Item label={PL.roster}>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setRoster(f);
              return false;
            }}
            onRemove={() => setRoster(undefined)}
            fileList={roster ? [{ uid: "late", name: roster.name, status: "done" }] : []}
          >
            <Button icon={<UploadOutlined />}>{PL.chooseFile}</Button>
          </Upload>
        </Form.Item>
      </Form>
      {error && <Alert role="alert" type="error" showIcon title={error} />}
      <Button onClick={send} disabled={!roster || name.trim() === ""} loading={busy}>
        {PL.supplementSubmit}
      </Button>
    </Space>
  );
}

interface Props {
  ceremony: Ceremony;
  manager: boolean;
  onChanged: (c: Ceremony) => void;
  onOpenRun: (runId: string) => void;
  onOpenCeremony: (id: string) => void;
}

/** One ceremony: the commitment as published, the draw with its witnesses, and the run. */
export function CeremonyView({ ceremony: c, manager, onChanged, onOpenRun, onOpenCeremony }: Props) {
  const { message } = App.useApp();
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const run = async () => {
    setRunning(true);
    setRunError(null);
    try {
      const placement = await placementApi.run(c.id);
      message.success(PL.ran);
      onOpenRun(placement.id);
    } catch (e) {
      setRunError(messageOf(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={c.name}
        extra={
          <Space wrap>
            {c.baseCommitmentId && <Tag color="purple">{PL.supplementTag}</Tag>}
            <Tag color={c.status === "done" ? "green" : "blue"}>{c.statusText}</Tag>
          </Space>
        }
      >
        <Steps
          current={STEP[c.status]}
          items={[
            { title: PL.steps[0], description: PL.stepCommitHint },
            { title: PL.steps[1], description: PL.stepDrawHint },
            { title: PL.steps[2], description: PL.stepRunHint },
          ]}
        />
      </Card>
      <Card title={`1. ${PL.commitment}`} extra={<Typography.Text>{formatTime(c.committedAt)}</Typography.Text>}>
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text>{`${c.studentCount} 人 · ${c.classCount} 个班 · 班额 ${[...new Set(c.capacities)].join("、")}`}</Typography.Text>
          {c.drawPlan && <Typography.Paragraph>{`${PL.drawPlan}：${c.drawPlan}`}</Typography.Paragraph>}
          <Descriptions column={1} size="small" layout="vertical" bordered items={lineItems(c.commitmentLines)} />
          <Space wrap>
            {download(c, "notice", PL.printNotice, c.status === "committed")}
            {download(c, "commitment", PL.commitmentFile)}
          </Space>
        </Space>
      </Card>
      <Card title={`2. ${PL.steps[1]}`}>
        {c.draw ? (
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: "draw", label: PL.draw, children: <Typography.Text strong>{c.draw.draw}</Typography.Text> },
                { key: "source", label: PL.drawSource, children: c.draw.source || "—" },
                {
                  key: "witnesses",
                  label: PL.witnesses,
                  children: c.draw.witnesses.map((w) => (w.role ? `${w.name}（${w.role}）` : w.name)).join("、"),
                },
                { key: "at", label: PL.drawnAt, children: formatTime(c.draw.drawnAt) },
                ...lineItems([`摇号记录哈希（SHA-256）：${c.draw.drawHash}`]).map((i) => ({ ...i, key: "hash" })),
              ]}
            />
            <Space wrap>{download(c, "draw", PL.drawFile)}</Space>
          </Space>
        ) : manager ? (
          <DrawForm
            onDraw={async (input) => {
              const next = await placementApi.draw(c.id, input);
              message.success(PL.drawn);
              onChanged(next);
            }}
          />
        ) : (
          <Alert type="info" title={PL.waitingDraw} />
        )}
      </Card>
      <Card title={`3. ${PL.runStep}`}>
        {c.runId ? (
          <Space wrap>
            <Button type="primary" onClick={() => onOpenRun(c.runId!)}>
              {PL.viewResult}
            </Button>
          </Space>
        ) : c.draw && manager ? (
          <Space orientation="vertical">
            <Typography.Paragraph>{PL.runHint}</Typography.Paragraph>
            {runError && <Alert role="alert" type="error" showIcon title={runError} />}
            <Button type="primary" onClick={run} loading={running}>
              {PL.runButton}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">{c.draw ? PL.waitingRun : PL.waitingDraw}</Typography.Text>
        )}
      </Card>
      {c.status === "done" && manager && (
        <Card title={PL.supplement}>
          <SupplementForm base={c} onCommitted={onOpenCeremony} />
        </Card>
      )}
    </Space>
  );
}
