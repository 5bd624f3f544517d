import { Checkbox, Col, DatePicker, Row, Select, TreeSelect } from "antd";
import dayjs from "dayjs";
import type { PlanSummary } from "../../api/types";
import type { OrgNode } from "../../components/org-tree";
import { L, STATUS, SUPERVISION } from "../../labels";
import type { LedgerFilter } from "./ledger-filter";

interface Props {
  filter: LedgerFilter;
  onChange: (filter: LedgerFilter) => void;
  plans: PlanSummary[];
  sections: string[];
  orgs: OrgNode[];
}

export function LedgerFilters({ filter, onChange, plans, sections, orgs }: Props) {
  const set = (patch: Partial<LedgerFilter>) => onChange({ ...filter, ...patch });
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
      <Col xs={24} md={8} lg={5}>
        <Select
          aria-label={L.plan}
          style={{ width: "100%" }}
          value={filter.planId}
          placeholder={L.plan}
          options={plans.map((p) => ({ value: p.id, label: p.title }))}
          onChange={(planId: string) => onChange({ planId })}
        />
      </Col>
      <Col xs={12} md={8} lg={3}>
        <Select
          aria-label={L.section}
          allowClear
          style={{ width: "100%" }}
          value={filter.section}
          placeholder={L.section}
          options={sections.map((s) => ({ value: s, label: s }))}
          onChange={(section?: string) => set({ section })}
        />
      </Col>
      <Col xs={12} md={8} lg={4}>
        <TreeSelect
          aria-label={L.unit}
          allowClear
          showSearch
          treeNodeFilterProp="title"
          style={{ width: "100%" }}
          value={filter.orgId}
          placeholder={L.unit}
          treeData={orgs}
          treeDefaultExpandAll
          onChange={(orgId?: string) => set({ orgId })}
        />
      </Col>
      {(["status", "supervision"] as const).map((key) => (
        <Col key={key} xs={12} md={6} lg={3}>
          <Select
            aria-label={L[key]}
            allowClear
            style={{ width: "100%" }}
            value={filter[key]}
            placeholder={L[key]}
            options={Object.entries(key === "status" ? STATUS : SUPERVISION).map(([value, label]) => ({
              value,
              label,
            }))}
            onChange={(value?: string) => set({ [key]: value } as Partial<LedgerFilter>)}
          />
        </Col>
      ))}
      <Col xs={12} md={10} lg={4}>
        <DatePicker.RangePicker
          aria-label={L.dueRange}
          style={{ width: "100%" }}
          value={[filter.dueFrom ? dayjs(filter.dueFrom) : null, filter.dueTo ? dayjs(filter.dueTo) : null]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            set({ dueFrom: range?.[0]?.format("YYYY-MM-DD"), dueTo: range?.[1]?.format("YYYY-MM-DD") })
          }
        />
      </Col>
      <Col xs={24} md={8} lg={2} style={{ display: "flex", alignItems: "center" }}>
        <Checkbox checked={filter.overdue ?? false} onChange={(e) => set({ overdue: e.target.checked || undefined })}>
          {L.overdueOnly}
        </Checkbox>
      </Col>
    </Row>
  );
}
