import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Space, Upload } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { PL } from "./labels";
import type { VerifyAnswer } from "./placement-api";

interface Props {
  onVerify: (files: { roster?: File; result?: File }) => Promise<VerifyAnswer>;
}

function Pick({ accept, file, onChange }: { accept: string; file?: File; onChange: (f?: File) => void }) {
  return (
    <Upload
      accept={accept}
      maxCount={1}
      beforeUpload={(f) => {
        onChange(f);
        return false;
      }}
      onRemove={() => onChange(undefined)}
      fileList={file ? [{ uid: file.name, name: file.name, status: "done" }] : []}
    >
      <Button icon={<UploadOutlined />}>{PL.chooseFile}</Button>
    </Upload>
  );
}

/** Every check of a committed run, passed (✓) or not (✗); the result hash for a single-step one. */
function Checks({ answer }: { answer: VerifyAnswer }) {
  if (!answer.checks) return <span style={{ wordBreak: "break-all" }}>{answer.resultHash}</span>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20, wordBreak: "break-all" }}>
      {answer.checks.map((c) => (
        <li key={`${c.key}:${c.text}`}>{`${c.ok ? "✓" : "✗"} ${c.text}`}</li>
      ))}
    </ul>
  );
}

/** Re-runs a placement on the server: from the stored inputs, or against an uploaded roster / result.json. */
export function VerifyForm({ onVerify }: Props) {
  const [roster, setRoster] = useState<File>();
  const [result, setResult] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<VerifyAnswer | { error: string } | null>(null);
  const run = async () => {
    setBusy(true);
    setAnswer(null);
    try {
      setAnswer(await onVerify({ ...(roster ? { roster } : {}), ...(result ? { result } : {}) }));
    } catch (e) {
      setAnswer({ error: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Alert type="info" title={PL.verifyHint} />
      <Form layout="vertical">
        <Form.Item label={PL.verifyRoster}>
          <Pick accept=".csv,.xlsx" file={roster} onChange={setRoster} />
        </Form.Item>
        <Form.Item label={PL.verifyResult}>
          <Pick accept=".json" file={result} onChange={setResult} />
        </Form.Item>
        <Button type="primary" onClick={run} loading={busy}>
          {PL.verifyRun}
        </Button>
      </Form>
      {answer &&
        ("error" in answer ? (
          <Alert role="alert" type="error" showIcon title={answer.error} />
        ) : answer.ok ? (
          <Alert
            role="status"
            type={answer.legacy ? "warning" : "success"}
            showIcon
            title={answer.legacy ? answer.message : PL.verifyPassed}
            description={<Checks answer={answer} />}
          />
        ) : (
          <Alert
            role="alert"
            type="error"
            showIcon
            title={PL.verifyFailed}
            description={
              answer.checks ? (
                <Checks answer={answer} />
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 20, wordBreak: "break-all" }}>
                  {answer.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              )
            }
          />
        ))}
    </Space>
  );
}
