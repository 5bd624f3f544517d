import { CloudUploadOutlined, DownloadOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { BackupList, BackupRecord } from "../../api/types";
import { formatTime } from "../../components/format";
import { BL } from "./backup-labels";

const STATUS_COLOR: Record<string, string> = { running: "processing", done: "success", failed: "error" };
const VERIFY_COLOR: Record<string, string> = { pending: "default", ok: "success", failed: "error" };

export const formatBytes = (n: number | null): string => {
  if (n === null) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
};

/** Short columns keep to one line; the verification column takes what is left. */
const oneLine = {
  onCell: () => ({ style: { whiteSpace: "nowrap" as const } }),
  onHeaderCell: () => ({ style: { whiteSpace: "nowrap" as const } }),
};

interface Props {
  list: BackupList;
  starting: boolean;
  onBackup: () => void;
  onVerify: (id: string) => void;
  downloadUrl: (id: string) => string;
}

/** A backup being written, or a finished one being test-restored again. */
export const isBusy = (b: BackupRecord): boolean =>
  b.status === "running" || (b.status === "done" && b.verify.status === "pending");

/**
 * The backups with their test-restore results, the retention policy, 立即备份, and per backup
 * 下载 and 重新校验. One job runs at a time, so both buttons wait while one does.
 */
export function BackupsTable({ list, starting, onBackup, onVerify, downloadUrl }: Props) {
  const running = list.backups.some((b) => b.status === "running");
  const busy = starting || list.backups.some(isBusy);
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Alert
        type="info"
        showIcon
        title={BL.policy(list.policy.schedule, list.policy.keepDaily, list.policy.keepWeekly)}
      />
      <Button
        type="primary"
        icon={<CloudUploadOutlined />}
        loading={starting || running}
        disabled={busy}
        onClick={onBackup}
      >
        {BL.backupNow}
      </Button>
      <Table<BackupRecord>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        dataSource={list.backups}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: BL.empty }}
        columns={[
          { title: BL.startedAt, render: (_, b) => formatTime(b.startedAt), ...oneLine },
          { title: BL.kind, render: (_, b) => BL.kinds[b.kind] ?? b.kind, ...oneLine },
          {
            title: BL.status,
            ...oneLine,
            render: (_, b) => (
              <Tooltip title={b.error ? `${b.error.message}（${b.error.code}）` : b.progress}>
                <Tag color={STATUS_COLOR[b.status]}>
                  {BL.statuses[b.status]}
                  {b.status === "running" && b.progress ? ` · ${b.progress}` : ""}
                </Tag>
              </Tooltip>
            ),
          },
          { title: BL.size, render: (_, b) => formatBytes(b.bytes), ...oneLine },
          {
            title: BL.contents,
            ...oneLine,
            render: (_, b) => (b.rows === null ? "—" : BL.contentsText(b.rows, b.files ?? 0)),
          },
          {
            title: BL.verify,
            render: (_, b) => (
              <Space orientation="vertical" size={0}>
                <Tooltip title={b.verify.at ? formatTime(b.verify.at) : null}>
                  <Tag color={isBusy(b) ? "processing" : VERIFY_COLOR[b.verify.status]}>
                    {BL.verifies[b.verify.status]}
                  </Tag>
                </Tooltip>
                {b.verify.status === "failed" && b.verify.message ? (
                  <Typography.Text type="danger" className="backup-verify-message">
                    {b.verify.message}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: BL.actions,
            ...oneLine,
            render: (_, b) =>
              b.status === "done" ? (
                <Space size="small">
                  <Button size="small" icon={<DownloadOutlined />} href={downloadUrl(b.id)} download>
                    {BL.download}
                  </Button>
                  <Tooltip title={BL.verifyAgainHint}>
                    <Button
                      size="small"
                      icon={<SafetyCertificateOutlined />}
                      disabled={busy}
                      loading={isBusy(b)}
                      onClick={() => onVerify(b.id)}
                    >
                      {BL.verifyAgain}
                    </Button>
                  </Tooltip>
                </Space>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
