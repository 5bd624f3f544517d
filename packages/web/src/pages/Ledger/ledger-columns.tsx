import { Tag } from "antd";
import { Link } from "react-router";
import type { TaskRow } from "../../api/types";
import { formatDate } from "../../components/format";
import { StatusTag } from "../../components/StatusTag";
import { L } from "../../labels";
import type { GridColumn } from "./DataGrid";

const assigneeNames = (t: TaskRow, role: "lead" | "co" | "any") =>
  t.assignees
    .filter((a) => role === "any" || a.role === role)
    .map((a) => a.orgName)
    .join("、");

/** The ledger's columns; the task name is edited in place by those who manage plans. */
export function ledgerColumns(commitTitle: (row: TaskRow, title: string) => Promise<void>): GridColumn<TaskRow>[] {
  return [
    { key: "no", title: L.colNo, width: 56, render: (t) => t.no },
    { key: "section", title: L.colSection, width: 160, render: (t) => t.section ?? "" },
    {
      key: "title",
      title: L.colTitle,
      width: 280,
      render: (t) => <Link to={`/tasks/${t.id}`}>{t.title}</Link>,
      edit: { value: (t) => t.title, commit: commitTitle },
    },
    { key: "lead", title: L.colLead, width: 160, render: (t) => assigneeNames(t, "lead") },
    {
      key: "units",
      title: L.colUnits,
      width: 220,
      render: (t) => <span title={assigneeNames(t, "any")}>{t.units.join("、")}</span>,
    },
    { key: "status", title: L.colStatus, width: 80, render: (t) => <StatusTag status={t.status} /> },
    { key: "due", title: L.colNextDue, width: 100, render: (t) => formatDate(t.nextDue) },
    {
      key: "overdue",
      title: L.colOverdue,
      width: 64,
      render: (t) => (t.overdue ? <Tag color="red">{L.overdue}</Tag> : ""),
    },
  ];
}
