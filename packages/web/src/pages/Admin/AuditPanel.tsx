import { REVEAL_AUDIT_ACTION, REVEAL_AUDIT_LABEL } from "@luoshi/contract/personal-data";
import { Table, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api/endpoints";
import type { AuditEvent } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { formatTime } from "../../components/format";
import { useAsync } from "../../components/use-async";
import { L } from "../../labels";

const PAGE = 50;
const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

export function AuditPanel() {
  const [page, setPage] = useState(1);
  const events = useAsync(() => api.audit({ limit: PAGE + 1, offset: (page - 1) * PAGE }), [page]);
  return (
    <AsyncView state={events} isEmpty={(e) => e.length === 0 && page === 1}>
      {(list) => (
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          dataSource={list.slice(0, PAGE)}
          pagination={{
            current: page,
            pageSize: PAGE,
            total: (page - 1) * PAGE + list.length,
            onChange: setPage,
            showSizeChanger: false,
          }}
          expandable={{
            expandedRowRender: (e) => (
              <Typography.Paragraph>
                <pre style={{ maxHeight: 300, overflow: "auto", fontSize: 12 }}>
                  {json({ before: e.before, after: e.after })}
                </pre>
              </Typography.Paragraph>
            ),
          }}
          columns={[
            { title: L.auditAt, render: (_, e) => formatTime(e.at), width: 170 },
            { title: L.auditActor, dataIndex: "actorId", render: (a: string | null) => a ?? "—" },
            { title: L.auditEntity, render: (_, e) => `${e.entity} · ${e.entityId}` },
            {
              title: L.auditAction,
              dataIndex: "action",
              render: (a: string) => (a === REVEAL_AUDIT_ACTION ? REVEAL_AUDIT_LABEL : a),
            },
          ]}
        />
      )}
    </AsyncView>
  );
}
