import type { StatusBoard } from "@luoshi/contract";
import { Button, Col, Input, Row, Select, Space, Tag, TreeSelect, Typography } from "antd";
import { useEffect, useState } from "react";
import type { PlanSummary } from "../../api/types";
import type { OrgNode } from "../../components/org-tree";
import type { BoardFilter } from "./board-filter";
import { S } from "./labels";

export const BOARD_ORDER = ["overdue", "warning", "normal", "done"] as const;

interface Props {
  filter: BoardFilter;
  onChange: (filter: BoardFilter) => void;
  plans: PlanSummary[];
  /** The units to pick from; none for a unit's own board (it sees its own rows only). */
  orgs: OrgNode[] | null;
  /** The rows by status under every filter but the status one (the board's `counts`). */
  counts: StatusBoard["counts"] | undefined;
  /** The number of rows the board lists. */
  listed: number | undefined;
}

/** Plan, unit, kind and search; then the status chips, each with the number of rows it lists. */
export function BoardFilters({ filter, onChange, plans, orgs, counts, listed }: Props) {
  const set = (patch: Partial<BoardFilter>) => onChange({ ...filter, ...patch });
  const [words, setWords] = useState(filter.q ?? "");
  useEffect(() => setWords(filter.q ?? ""), [filter.q]);
  const all = counts ? BOARD_ORDER.reduce((n, s) => n + counts[s], 0) : undefined;
  const chip = (status: BoardFilter["status"], label: string, n: number | undefined) => (
    <Tag.CheckableTag
      key={status ?? "all"}
      checked={filter.status === status}
      data-testid={`board-count-${status ?? "all"}`}
      onChange={() => set({ status })}
      style={{ border: "1px solid #d9d9d9", padding: "2px 10px" }}
    >
      {label} {n ?? "…"}
    </Tag.CheckableTag>
  );
  const filtered = Object.values(filter).some(Boolean);
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={8}>
      <Row gutter={[8, 8]}>
        <Col xs={24} md={8} lg={7}>
          <Select
            aria-label={S.board.plan}
            allowClear
            style={{ width: "100%" }}
            value={filter.planId}
            placeholder={S.board.allPlans}
            options={plans.map((p) => ({ value: p.id, label: p.title }))}
            onChange={(planId?: string) => set({ planId })}
          />
        </Col>
        {orgs && (
          <Col xs={24} md={8} lg={5}>
            <TreeSelect
              aria-label={S.board.unit}
              allowClear
              showSearch
              treeNodeFilterProp="title"
              style={{ width: "100%" }}
              value={filter.orgId}
              placeholder={S.board.unit}
              treeData={orgs}
              treeDefaultExpandAll
              onChange={(orgId?: string) => set({ orgId })}
            />
          </Col>
        )}
        <Col xs={24} md={8} lg={4}>
          <Select
            aria-label={S.board.kind}
            allowClear
            style={{ width: "100%" }}
            value={filter.kind}
            placeholder={S.board.allKinds}
            options={Object.entries(S.kind).map(([value, label]) => ({ value, label }))}
            onChange={(kind?: BoardFilter["kind"]) => set({ kind })}
          />
        </Col>
        <Col xs={24} md={16} lg={8}>
          <Input.Search
            aria-label={S.board.search}
            placeholder={S.board.search}
            allowClear
            maxLength={100}
            value={words}
            onChange={(e) => {
              setWords(e.target.value);
              // Clearing the box (its × or deleting everything) shows every row again.
              if (e.target.value === "" && filter.q) set({ q: undefined });
            }}
            onSearch={(q) => set({ q: q.trim() || undefined })}
          />
        </Col>
      </Row>
      <Space wrap size={[4, 8]}>
        {chip(undefined, S.board.all, all)}
        {BOARD_ORDER.map((s) => chip(s, S.status[s]!, counts?.[s]))}
        {filtered && (
          <Button type="link" size="small" onClick={() => onChange({})}>
            {S.board.reset}
          </Button>
        )}
        {listed !== undefined && (
          <Typography.Text type="secondary" data-testid="board-row-count">
            {S.board.rowCount(listed)}
          </Typography.Text>
        )}
      </Space>
    </Space>
  );
}
