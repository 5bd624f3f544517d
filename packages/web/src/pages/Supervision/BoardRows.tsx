import { Card, Checkbox, Empty, Grid, List, Space, Table, Tag, Typography } from "antd";
import { Link } from "react-router";
import { S } from "./labels";
import { reasonText } from "./notice-prefill";
import type { StatusItem } from "./supervision-api";

export const rowKey = (r: StatusItem) => `${r.entityKind}:${r.entityId}`;

interface Props {
  items: StatusItem[];
  loading: boolean;
  /** The keys of the selected rows, when rows may be selected (督办单 from the board). */
  selection?: { keys: string[]; onChange: (keys: string[]) => void };
}

/** What a row is about: the kind, and a milestone's text or an indicator's name. */
function Subject({ r }: { r: StatusItem }) {
  return (
    <Space size={4} wrap>
      <Tag>{S.kind[r.entityKind]}</Tag>
      {r.entityName && <Typography.Text>{r.entityName}</Typography.Text>}
    </Space>
  );
}

const progressText = (p: number | null) => (p === null ? "—" : `${p}%`);
const taskLink = (r: StatusItem) => <Link to={`/tasks/${r.taskId}`}>{`${r.taskNo} ${r.taskTitle}`}</Link>;
const statusTag = (s: string) => <Tag color={S.statusColor[s]}>{S.status[s]}</Tag>;

/** The board's rows: table columns on a wide screen, one card per row on a phone. */
export function BoardRows({ items, loading, selection }: Props) {
  const screens = Grid.useBreakpoint();
  if (!screens.md) {
    const toggle = (key: string, on: boolean) =>
      selection?.onChange(on ? [...selection.keys, key] : selection.keys.filter((k) => k !== key));
    return (
      <List<StatusItem>
        loading={loading}
        dataSource={items}
        locale={{ emptyText: <Empty description={S.board.noRows} /> }}
        pagination={items.length > 10 ? { pageSize: 10, size: "small", showSizeChanger: false } : false}
        renderItem={(r) => (
          <List.Item style={{ padding: "4px 0", border: 0 }}>
            <Card size="small" style={{ width: "100%" }} data-testid="board-card">
              <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                <Space size={6} align="start" style={{ width: "100%", justifyContent: "space-between" }}>
                  <span style={{ wordBreak: "break-word" }}>{taskLink(r)}</span>
                  {statusTag(r.status)}
                </Space>
                <Subject r={r} />
                <Typography.Text type="secondary" style={{ wordBreak: "break-word" }}>
                  {[
                    r.orgName,
                    r.dueDate && `${S.columns.due} ${r.dueDate}`,
                    `${S.columns.progress} ${progressText(r.progress)}`,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </Typography.Text>
                {r.reasons.length > 0 && (
                  <Typography.Text style={{ wordBreak: "break-word" }}>
                    {r.reasons.map(reasonText).join("；")}
                  </Typography.Text>
                )}
                {selection && (
                  <Checkbox
                    disabled={!r.orgId}
                    checked={selection.keys.includes(rowKey(r))}
                    onChange={(e) => toggle(rowKey(r), e.target.checked)}
                  >
                    {S.issue.button}
                  </Checkbox>
                )}
              </Space>
            </Card>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<StatusItem>
      rowKey={rowKey}
      rowSelection={
        selection
          ? {
              selectedRowKeys: selection.keys,
              onChange: (keys) => selection.onChange(keys.map(String)),
              getCheckboxProps: (r) => ({ disabled: !r.orgId, "aria-label": `${r.taskNo} ${r.orgName ?? ""}` }),
            }
          : undefined
      }
      loading={loading}
      dataSource={items}
      size="small"
      locale={{ emptyText: <Empty description={S.board.noRows} /> }}
      columns={[
        { title: S.columns.kind, render: (_, r) => <Subject r={r} /> },
        { title: S.columns.task, render: (_, r) => taskLink(r) },
        { title: S.columns.unit, dataIndex: "orgName" },
        { title: S.columns.status, dataIndex: "status", render: statusTag },
        { title: S.columns.reasons, dataIndex: "reasons", render: (r: string[]) => r.map(reasonText).join("；") },
        { title: S.columns.due, dataIndex: "dueDate" },
        { title: S.columns.progress, dataIndex: "progress", render: progressText },
      ]}
    />
  );
}
