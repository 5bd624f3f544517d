import {
  CHILD_STATUS_LABELS,
  type ChildStatus,
  DROPOUT_REASON_LABELS,
  DROPOUT_RISK_LABELS,
  SPECIAL_GROUP_LABELS,
} from "@luoshi/contract/dropout-vocabulary";
import {
  App as AntApp,
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import { LedgerExportButton, LedgerImportButton } from "../Ledger/LedgerImport";
import { optionsOf } from "./CaseModal";
import { dropoutApi, type SchoolAgeChild, type SchoolAgeReveal, type SchoolAgeView } from "./dropout-api";
import { D } from "./labels";

const PAGE = 20;
const URL = "/api/ledgers/school-age-children";
const STATUS_COLOURS: Record<ChildStatus, string> = {
  enrolled: "green",
  not_enrolled: "red",
  suspected: "orange",
  dropped_out: "red",
  persuading: "blue",
  returned: "green",
  placed: "cyan",
  out_of_age: "default",
};
const groups = (g: string[]) =>
  g.map((k) => SPECIAL_GROUP_LABELS[k as keyof typeof SPECIAL_GROUP_LABELS] ?? k).join("、");

/**
 * 适龄儿童台账 (四查三比对): the county's 户籍 roster compared with the school rolls by 身份证件号; each
 * child 在校 (school, grade), 适龄未入学 or as their case stands, with counts. The bureau imports the
 * roster, compares again and opens a case for a child not enrolled; personal data masked, a reveal audited.
 */
export function SchoolAgePanel({ role, onOpenCase }: { role: string; onOpenCase: (id: string) => void }) {
  const { message } = AntApp.useApp();
  const manager = ["admin", "supervisor", "dept_head"].includes(role);
  const mayReveal = manager || role === "school_reporter";
  const [status, setStatus] = useState<ChildStatus | "all">("all");
  const [page, setPage] = useState(1);
  const [view, setView] = useState<SchoolAgeView | null>(null);
  const [shown, setShown] = useState<SchoolAgeReveal | null>(null);
  const [opening, setOpening] = useState<SchoolAgeChild | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const [schools, setSchools] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (manager)
      void api
        .orgs()
        .then((orgs) =>
          setSchools(orgs.filter((o) => o.kind === "school").map((o) => ({ value: o.id, label: o.name }))),
        );
  }, [manager]);

  const load = useCallback(() => {
    const query = { limit: PAGE, offset: (page - 1) * PAGE, ...(status === "all" ? {} : { status }) };
    void dropoutApi.schoolAge(query).then(setView);
  }, [status, page]);
  useEffect(load, [load]);

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    try {
      await run();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const compare = () =>
    act(async () => {
      const r = await dropoutApi.compareSchoolAge();
      message.success(D.compared(r.compared, r.changed));
      load();
    });
  const openCase = () =>
    act(async () => {
      const values = await form.validateFields();
      const { caseId } = await dropoutApi.openChildCase(opening!.id, values);
      message.success(D.caseOpened);
      setOpening(null);
      form.resetFields();
      load();
      onOpenCase(caseId);
    });

  const counts = view?.counts ?? {};
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-ledger="school-age">
      <Typography.Text type="secondary">{manager ? D.schoolAgeHint : D.schoolAgeSchoolHint}</Typography.Text>
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(v as ChildStatus | "all");
          setPage(1);
        }}
        options={[
          { value: "all", label: `${D.all} ${total}` },
          ...(Object.keys(CHILD_STATUS_LABELS) as ChildStatus[])
            .filter((s) => counts[s])
            .map((s) => ({ value: s, label: `${CHILD_STATUS_LABELS[s]} ${counts[s]}` })),
        ]}
      />
      <Space wrap>
        <LedgerExportButton url={`${URL}/export`} query={status === "all" ? {} : { status }} mayReveal={mayReveal} />
        {manager && (
          <LedgerImportButton
            url={`${URL}/import`}
            title={D.schoolAgeRoster}
            onDone={load}
            hint={D.schoolAgeImportHint}
          />
        )}
        {manager && (
          <Button onClick={compare} loading={busy}>
            {D.compare}
          </Button>
        )}
      </Space>
      <Table<SchoolAgeChild>
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={view?.children ?? []}
        locale={{ emptyText: D.noChildren }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: view?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: D.childName, dataIndex: "name", fixed: "left" },
          {
            title: D.status,
            render: (_, c) => <Tag color={STATUS_COLOURS[c.status]}>{CHILD_STATUS_LABELS[c.status]}</Tag>,
          },
          {
            title: D.schoolGrade,
            render: (_, c) => (c.schoolName ? `${c.schoolName}${c.grade ? ` ${c.grade}年级` : ""}` : ""),
          },
          { title: D.idNumber, dataIndex: "idNumber" },
          { title: D.age, dataIndex: "age" },
          { title: D.hukouPlace, dataIndex: "hukouPlace" },
          { title: D.residence, dataIndex: "residence" },
          { title: D.guardianName, dataIndex: "guardianName" },
          { title: D.phone, dataIndex: "guardianPhone" },
          { title: D.specialGroups, render: (_, c) => groups(c.specialGroups) },
          {
            title: D.actions,
            render: (_, c) => (
              <Space size={4}>
                {mayReveal && (
                  <Button size="small" onClick={() => act(async () => setShown(await dropoutApi.revealChild(c.id)))}>
                    {D.reveal}
                  </Button>
                )}
                {manager && c.status === "not_enrolled" && (
                  <Button size="small" type="primary" onClick={() => setOpening(c)}>
                    {D.openCase}
                  </Button>
                )}
                {c.caseId && (
                  <Button size="small" onClick={() => onOpenCase(c.caseId!)}>
                    {D.viewCase}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={shown !== null} title={D.revealed} footer={null} onCancel={() => setShown(null)}>
        {shown && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={D.childName}>{shown.name}</Descriptions.Item>
            <Descriptions.Item label={D.idNumber}>{shown.idNumber}</Descriptions.Item>
            <Descriptions.Item label={D.guardianName}>{shown.guardianName ?? ""}</Descriptions.Item>
            <Descriptions.Item label={D.phone}>{shown.guardianPhone ?? ""}</Descriptions.Item>
            <Descriptions.Item label={D.studentNo}>{shown.studentNo ?? ""}</Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
      <Modal
        open={opening !== null}
        title={D.openCaseTitle}
        okText={D.openCase}
        confirmLoading={busy}
        onOk={openCase}
        onCancel={() => setOpening(null)}
      >
        <Typography.Paragraph type="secondary">{D.openCaseHint}</Typography.Paragraph>
        <Form form={form} layout="vertical" data-open-case>
          <Form.Item name="orgId" label={D.shouldAttend} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={schools} />
          </Form.Item>
          <Form.Item name="grade" label={D.shouldGrade} rules={[{ required: true }]}>
            <Input maxLength={20} placeholder="如：三年级" />
          </Form.Item>
          <Form.Item name="riskLevel" label={D.riskLevel} rules={[{ required: true }]}>
            <Select options={optionsOf(DROPOUT_RISK_LABELS)} />
          </Form.Item>
          <Form.Item name="reason" label={D.reason} rules={[{ required: true }]}>
            <Select options={optionsOf(DROPOUT_REASON_LABELS)} />
          </Form.Item>
          <Form.Item name="reasonNote" label={D.reasonNote}>
            <Input.TextArea maxLength={1000} />
          </Form.Item>
          <Form.Item name="responsibleName" label={D.responsibleName} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
