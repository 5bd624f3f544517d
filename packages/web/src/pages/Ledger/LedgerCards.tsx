import { Card, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { TaskRow } from "../../api/types";
import { formatDate } from "../../components/format";
import { StatusTag } from "../../components/StatusTag";
import { L } from "../../labels";

/** The ledger on a phone: one card per task (number, title, status, units, next deadline) instead of columns. */
export function LedgerCards({ rows }: { rows: TaskRow[] }) {
  return (
    <List<TaskRow>
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, size: "small", showSizeChanger: false } : false}
      renderItem={(t) => (
        <List.Item style={{ padding: "4px 0", border: 0 }}>
          <Card size="small" style={{ width: "100%" }} data-testid="ledger-card">
            <Space orientation="vertical" size={4} style={{ width: "100%" }}>
              <Space size={6} align="start" style={{ width: "100%", justifyContent: "space-between" }}>
                <Link to={`/tasks/${t.id}`} style={{ wordBreak: "break-word" }}>{`${t.no} ${t.title}`}</Link>
                <StatusTag status={t.status} />
              </Space>
              <Typography.Text type="secondary" style={{ wordBreak: "break-word" }}>
                {`${L.colUnits}：${t.units.join("、") || "—"}`}
              </Typography.Text>
              <Space size={6} wrap>
                <Typography.Text type="secondary">{`${L.colNextDue}：${formatDate(t.nextDue)}`}</Typography.Text>
                {t.overdue && <Tag color="red">{L.overdue}</Tag>}
              </Space>
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}
