import { Alert, Button, Card, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import type { Gap, GapReport } from "../../api/types";
import type { OrgNode } from "../../components/org-tree";
import { PUB } from "../../labels";
import { BatchAssignModal } from "./BatchAssignModal";

interface Props {
  planId: string;
  report: GapReport;
  orgs: OrgNode[];
  /** After publishing the list is the 待分配 list. */
  published: boolean;
  onChanged: () => void;
  onPick: (taskId: string) => void;
}

const GAP_COLOR: Record<Gap, string> = { unit: "red", deadline: "orange", indicator: "default" };
const KINDS: Gap[] = ["unit", "deadline", "indicator"];

/** Which tasks lack a unit, a deadline or an indicator, with counts, and batch assignment to them. */
export function GapsPanel({ planId, report, orgs, published, onChanged, onPick }: Props) {
  const [only, setOnly] = useState<Gap | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);
  const rows = report.tasks.filter((t) => !only || t.gaps.includes(only));
  return (
    <Card size="small" title={published ? PUB.pendingTitle : PUB.gapsTitle} data-testid="plan-gaps">
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Space wrap>
          {KINDS.map((g) => (
            <Tag.CheckableTag
              key={g}
              checked={only === g}
              onChange={(on) => setOnly(on ? g : null)}
              data-gap={g}
              data-count={report.counts[g]}
            >
              {PUB.gap[g]}：{PUB.gapCount(report.counts[g], report.taskCount)}
            </Tag.CheckableTag>
          ))}
        </Space>
        {report.blocking === 0 && <Alert type="success" showIcon title={PUB.noGaps} />}
        <Space wrap>
          <Button
            onClick={() => setSelected(rows.filter((t) => t.gaps.some((g) => g !== "indicator")).map((t) => t.taskId))}
          >
            {PUB.selectAllGaps}
          </Button>
          <Button type="primary" disabled={selected.length === 0} onClick={() => setAssigning(true)}>
            {PUB.batchAssign}
            {selected.length > 0 ? `（${selected.length}）` : ""}
          </Button>
        </Space>
        <Table
          size="small"
          rowKey="taskId"
          dataSource={rows}
          pagination={{ pageSize: 8, size: "small", hideOnSinglePage: true }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          columns={[
            { title: "序号", dataIndex: "no", width: 64 },
            {
              title: "任务",
              dataIndex: "title",
              render: (title: string, t) => (
                <Typography.Link onClick={() => onPick(t.taskId)} style={{ wordBreak: "break-all" }}>
                  {title}
                </Typography.Link>
              ),
            },
            {
              title: "缺失",
              dataIndex: "gaps",
              width: 200,
              render: (gaps: Gap[]) => (
                <Space wrap size={2}>
                  {gaps.map((g) => (
                    <Tag key={g} color={GAP_COLOR[g]}>
                      {PUB.gap[g]}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Space>
      {assigning && (
        <BatchAssignModal
          planId={planId}
          taskIds={selected}
          orgs={orgs}
          onClose={() => setAssigning(false)}
          onDone={() => {
            setAssigning(false);
            setSelected([]);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
