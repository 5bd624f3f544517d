import { Alert, Button, Checkbox, List, Space, TreeSelect, Typography } from "antd";
import { useState } from "react";
import type { OrgNode } from "../../components/org-tree";
import { L, PUB } from "../../labels";

export interface UnitChoice {
  unitName: string;
  orgId?: string | null;
  ignored?: boolean;
}

interface Props {
  unresolved: string[];
  /** Tasks no unit resolves for (none named, or all ignored): "all matched" would mislead. */
  unassigned: number;
  orgs: OrgNode[];
  saving: boolean;
  onSave: (mappings: UnitChoice[]) => void;
}

/** Unit names no org or alias matched: pick an org for each, or ignore it. */
export function UnitMapper({ unresolved, unassigned, orgs, saving, onSave }: Props) {
  const [choices, setChoices] = useState<Record<string, UnitChoice>>({});
  if (unresolved.length === 0)
    return unassigned > 0 ? (
      <Alert type="warning" showIcon title={PUB.someUnassigned(unassigned)} data-testid="units-unassigned" />
    ) : (
      <Alert type="success" showIcon title={L.allResolved} />
    );
  const set = (unitName: string, patch: Partial<UnitChoice>) =>
    setChoices((c) => ({ ...c, [unitName]: { ...c[unitName], ...patch, unitName } }));
  const ready = Object.values(choices).filter((c) => c.orgId || c.ignored);
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text type="secondary">{L.unitMappingHint}</Typography.Text>
      <List
        size="small"
        dataSource={unresolved}
        renderItem={(name) => (
          <List.Item data-unit={name}>
            <Space wrap style={{ width: "100%" }}>
              <Typography.Text strong style={{ minWidth: 120, display: "inline-block" }}>
                {name}
              </Typography.Text>
              <TreeSelect
                aria-label={`${L.pickOrg}：${name}`}
                style={{ width: 240 }}
                showSearch
                allowClear
                treeNodeFilterProp="title"
                treeDefaultExpandAll
                placeholder={L.pickOrg}
                treeData={orgs}
                value={choices[name]?.orgId ?? undefined}
                disabled={choices[name]?.ignored}
                onChange={(orgId?: string) => set(name, { orgId: orgId ?? null })}
              />
              <Checkbox
                checked={choices[name]?.ignored ?? false}
                onChange={(e) => set(name, { ignored: e.target.checked })}
              >
                {L.ignore}
              </Checkbox>
            </Space>
          </List.Item>
        )}
      />
      <Button type="primary" disabled={ready.length === 0} loading={saving} onClick={() => onSave(ready)}>
        {L.saveMappings}
      </Button>
    </Space>
  );
}
