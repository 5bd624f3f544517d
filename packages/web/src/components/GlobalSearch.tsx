import { SearchOutlined } from "@ant-design/icons";
import { AutoComplete, Input } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { api } from "../api/endpoints";
import type { SearchResults } from "../api/types";
import { L } from "../labels";

interface Option {
  value: string;
  label: React.ReactNode;
}

/** Where a hit opens. Units open the ledger filtered by that unit; notices the supervision page. */
function optionsOf(r: SearchResults): { label: string; options: Option[] }[] {
  const groups = [
    {
      label: L.searchTasks,
      options: r.tasks.map((t) => ({
        value: `/tasks/${t.id}`,
        label: (
          <span>
            {t.no ? `${t.no} ` : ""}
            {t.title}
            <span style={{ color: "#999" }}> · {t.planTitle}</span>
          </span>
        ),
      })),
    },
    {
      label: L.searchPlans,
      options: r.plans.map((p) => ({
        value: p.status === "published" ? `/ledger?planId=${p.id}` : `/plans/${p.id}/review`,
        label: (
          <span>
            {p.title}
            {p.status !== "published" && <span style={{ color: "#999" }}> · {L.draft}</span>}
          </span>
        ),
      })),
    },
    {
      label: L.searchUnits,
      options: r.orgs.map((o) => ({ value: `/ledger?orgId=${o.id}`, label: o.name })),
    },
    {
      label: L.searchNotices,
      options: r.notices.map((n) => ({
        value: `/supervision?notice=${n.id}`,
        label: (
          <span>
            {n.docNo}
            <span style={{ color: "#999" }}>
              {" "}
              · {n.orgName} · {n.taskTitle}
            </span>
          </span>
        ),
      })),
    },
  ];
  return groups.filter((g) => g.options.length > 0);
}

/** The header's search box: tasks, plans, units and 督办单 as you type (debounced), Enter opens the first. */
export function GlobalSearch() {
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [groups, setGroups] = useState<{ label: string; options: Option[] }[]>([]);
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setGroups([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api
        .search(q.slice(0, 50))
        .then((r) => live && setGroups(optionsOf(r)))
        .catch(() => live && setGroups([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  const empty = text.trim() && groups.length === 0;
  return (
    <AutoComplete
      className="global-search"
      value={text}
      options={empty ? [{ label: L.searchNothing, options: [] }] : groups}
      onChange={setText}
      onSelect={(path: string) => {
        setText("");
        navigate(path);
      }}
      popupMatchSelectWidth={420}
      style={{ width: 220 }}
    >
      <Input
        aria-label={L.globalSearch}
        placeholder={L.globalSearch}
        prefix={<SearchOutlined style={{ color: "#999" }} />}
        allowClear
      />
    </AutoComplete>
  );
}
