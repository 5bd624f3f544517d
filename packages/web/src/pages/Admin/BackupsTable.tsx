import { CloudUploadOutlined, DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Table, Tag, Tooltip } from "antd";
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

interface Props {
  list: BackupList;
  starting: boolean;
  onBackup: () => void;
  downloadUrl: (id: string) => string;
}

/** The backups with their test-restore results, the retention policy and the 立即备份 button. */
export function BackupsTable({ list, starting, onBackup, downloadUrl }: Props) {
  const running = list.backups.some((b) => b.status === "running");
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Alert
        type="info"
        showIcon
        message={BL.policy(list.policy.schedule, list.policy.keepDaily, list.policy.keepWeekly)}
      />
      <Button type="primary" icon={<CloudUploadOutlined />} loading={starting || running} onClick={onBackup}>
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
          { title: BL.startedAt, render: (_, b) => formatTime(b.startedAt), width: 170 },
          { title: BL.kind, render: (_, b) => BL.kinds[b.kind] ?? b.kind },
          {
            title: BL.status,
            render: (_, b) => (
              <Tooltip title={b.error ? `${b.error.message}（${b.error.code}）` : b.progress}>
                <Tag color={STATUS_COLOR[b.status]}>
                  {BL.statuses[b.status]}
                  {b.status === "running" && b.progress ? ` · ${b.progress}` : ""}
                </Tag>
              </Tooltip>
            ),
          },
          { title: BL.size, render: (_, b) => formatBytes(b.bytes) },
          {
            title: BL.contents,
            render: (_, b) => (b.rows === null ? "—" : BL.contentsText(b.rows, b.files ?? 0)),
          },
          {
            title: BL.verify,
            render: (_, b) => (
              <Tooltip title={b.verify.message ?? (b.verify.at ? formatTime(b.verify.at) : null)}>
                <Tag color={VERIFY_COLOR[b.verify.status]}>{BL.verifies[b.verify.status]}</Tag>
              </Tooltip>
            ),
          },
          {
            title: BL.actions,
            render: (_, b) =>
              b.status === "done" ? (
                <Button size="small" icon={<DownloadOutlined />} href={downloadUrl(b.id)} download>
                  {BL.download}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
