import {
  DROPOUT_LEDGER_LABELS,
  DROPOUT_REASON_LABELS,
  DROPOUT_RISK_LABELS,
  DROPOUT_SOURCE_LABELS,
  type DropoutLedgerKind,
  PERSUASION_METHOD_LABELS,
  PLACEMENT_LABELS,
  SPECIAL_GROUP_LABELS,
} from "@luoshi/contract/dropout-vocabulary";
import { LEDGER_STATE_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Segmented, Space, Table, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { LedgerExportButton, LedgerImportButton } from "../Ledger/LedgerImport";
import { type DropoutLedgerView, dropoutApi } from "./dropout-api";
import { D } from "./labels";

/** Chinese labels of the enum fields the 台账 show. */
const ENUMS: Record<string, Readonly<Record<string, string>>> = {
  specialGroup: SPECIAL_GROUP_LABELS,
  riskLevel: DROPOUT_RISK_LABELS,
  reason: DROPOUT_REASON_LABELS,
  source: DROPOUT_SOURCE_LABELS,
  visitMethod: PERSUASION_METHOD_LABELS,
  placement: PLACEMENT_LABELS,
};
const PAGE = 20;

const cellText = (field: string, value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.length ? `${value.length} 份` : "";
  return ENUMS[field]?.[String(value)] ?? String(value);
};

/**
 * The 疑似辍学学生台账 and 辍学学生台账 in the national layout (the columns the server names), paged,
 * exported as Excel and (by the school) imported back; a row opens its case.
 */
export function LedgersPanel({
  school,
  onOpen,
  version,
}: {
  school: boolean;
  onOpen: (id: string) => void;
  version: number;
}) {
  const [kind, setKind] = useState<DropoutLedgerKind>("suspected");
  const [page, setPage] = useState(1);
  const [view, setView] = useState<DropoutLedgerView | null>(null);

  const load = useCallback(() => {
    void dropoutApi.ledger(kind, { limit: PAGE, offset: (page - 1) * PAGE }).then(setView);
  }, [kind, page]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version (a case changed) reloads the page
  useEffect(load, [load, version]);

  const url = `/api/ledgers/dropout-ledgers/${kind}`;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-ledger={kind}>
      <Segmented
        value={kind}
        onChange={(v) => {
          setKind(v as DropoutLedgerKind);
          setPage(1);
        }}
        options={Object.entries(DROPOUT_LEDGER_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <Space wrap>
        <LedgerExportButton url={`${url}/export`} query={{}} mayReveal={school} />
        {school && <LedgerImportButton url={`${url}/import`} title={DROPOUT_LEDGER_LABELS[kind]} onDone={load} />}
        {!school && <Typography.Text type="secondary">{D.bureauLedgerHint}</Typography.Text>}
      </Space>
      <Table
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={view?.kind === kind ? view.cases : []}
        locale={{ emptyText: D.empty }}
        onRow={(c) => ({ onClick: () => onOpen(c.id), style: { cursor: "pointer" } })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: view?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: D.school, dataIndex: "orgName", fixed: "left" },
          { title: D.state, render: (_, c) => LEDGER_STATE_LABELS[c.state] },
          ...(view?.columns ?? []).map((col) => ({
            title: col.label,
            key: col.field,
            render: (_: unknown, c: DropoutLedgerView["cases"][number]) => cellText(col.field, c.fields[col.field]),
          })),
        ]}
      />
    </Space>
  );
}
