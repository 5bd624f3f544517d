import { BarChartOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import { useNavigate } from "react-router";
import { useMe } from "../../session";
import { LedgerExportButton, LedgerImportButton } from "../Ledger/LedgerImport";

/** Roles that record and correct hazards (the server's LEDGER_WRITERS): they import and may export in clear. */
const WRITERS = ["admin", "supervisor", "dept_head", "school_reporter"];

/** The hazard ledger's 导出台账 / 导入台账 buttons and the way to the bureau's summary. */
export function SafetyIo({ filter, onImported }: { filter: Record<string, string | boolean>; onImported: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const writer = WRITERS.includes(me.role);
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== "" && v !== false));
  return (
    <Space wrap size={8}>
      <Button icon={<BarChartOutlined />} onClick={() => navigate("/safety/summary")}>
        汇总统计
      </Button>
      <LedgerExportButton url="/api/ledgers/hazard-export" query={query} mayReveal={writer} />
      {writer && <LedgerImportButton url="/api/ledgers/hazard-import" title="安全隐患台账" onDone={onImported} />}
    </Space>
  );
}
