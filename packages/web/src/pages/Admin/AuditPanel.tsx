import { DownloadOutlined } from "@ant-design/icons";
import { Button, DatePicker, Descriptions, Select, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { api } from "../../api/endpoints";
import type { AuditEvent, AuditFilter } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { formatTime } from "../../components/format";
import { useAsync } from "../../components/use-async";
import { L } from "../../labels";
import { changedFields } from "./audit-changes";

const PAGE = 50;
const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : undefined);

/** 系统管理 › 审计记录: who did what to which record, in Chinese, with filters and an Excel export. */
export function AuditPanel() {
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<AuditFilter>({});
  const vocabulary = useAsync(() => Promise.all([api.auditVocabulary(), api.users()]), []);
  const events = useAsync(
    () => api.audit({ ...filter, limit: PAGE + 1, offset: (page - 1) * PAGE }),
    [page, JSON.stringify(filter)],
  );
  const set = (patch: AuditFilter) => {
    setPage(1);
    setFilter((f) => ({ ...f, ...patch }));
  };
  const [codes, users] = vocabulary.data ?? [undefined, []];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={L.auditEntity}
          aria-label={L.filterBy(L.auditEntity)}
          style={{ width: 150 }}
          options={codes?.entities.map((e) => ({ value: e.code, label: e.label }))}
          onChange={(entity?: string) => set({ entity })}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={L.auditAction}
          aria-label={L.filterBy(L.auditAction)}
          style={{ width: 130 }}
          options={codes?.actions.map((a) => ({ value: a.code, label: a.label }))}
          onChange={(action?: string) => set({ action })}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={L.auditActor}
          aria-label={L.filterBy(L.auditActor)}
          style={{ width: 160 }}
          options={users.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          onChange={(actorId?: string) => set({ actorId })}
        />
        <DatePicker.RangePicker
          aria-label={L.filterBy(L.auditAt)}
          onChange={(range) => set({ from: day(range?.[0]), to: day(range?.[1]) })}
        />
        <Button icon={<DownloadOutlined />} href={api.auditExportUrl(filter)} download>
          {L.exportFiltered}
        </Button>
      </Space>
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
            expandable={{ expandedRowRender: (e) => <Changes event={e} /> }}
            columns={[
              { title: L.auditAt, render: (_, e) => formatTime(e.at), width: 170 },
              { title: L.auditActor, dataIndex: "actorName" },
              { title: L.auditAction, dataIndex: "actionLabel" },
              {
                title: L.auditEntity,
                render: (_, e) => (
                  <span>
                    <Typography.Text type="secondary">{e.entityLabel}</Typography.Text>{" "}
                    {e.objectTitle ?? <Typography.Text code>{e.entityId}</Typography.Text>}
                  </span>
                ),
              },
            ]}
          />
        )}
      </AsyncView>
    </>
  );
}

/** What changed, field by field (before → after); the raw record when there is no before. */
function Changes({ event }: { event: AuditEvent }) {
  const rows = changedFields(event.before, event.after);
  if (rows.length === 0) return <Typography.Text type="secondary">{L.auditNoChange}</Typography.Text>;
  return (
    <Descriptions size="small" column={1} bordered>
      {rows.map((r) => (
        <Descriptions.Item key={r.field} label={r.field}>
          {r.before !== undefined && <Typography.Text delete>{r.before}</Typography.Text>}
          {r.before !== undefined && " → "}
          {r.after ?? ""}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
