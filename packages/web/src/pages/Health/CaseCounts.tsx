import { LEDGER_STATE_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Card, Table } from "antd";
import { useEffect, useState } from "react";
import { C } from "./case-labels";
import { healthApi, type IllnessCases } from "./health-api";

/** The bureau's count of illness-absence cases per school and state (never a name). */
export function CaseCounts() {
  const [data, setData] = useState<IllnessCases | null>(null);
  useEffect(() => {
    void healthApi.cases().then(setData);
  }, []);
  return (
    <Card size="small" title={C.bureauTitle} className="health-cases" style={{ marginTop: 12 }}>
      <Table
        size="small"
        rowKey="orgId"
        pagination={false}
        scroll={{ x: true }}
        loading={!data}
        dataSource={data?.schools ?? []}
        columns={[
          { title: C.school, dataIndex: "orgName" },
          { title: LEDGER_STATE_LABELS.ill_absent, dataIndex: "illAbsent" },
          { title: LEDGER_STATE_LABELS.resume_pending, dataIndex: "resumePending" },
          { title: LEDGER_STATE_LABELS.resumed, dataIndex: "resumed" },
        ]}
      />
    </Card>
  );
}
