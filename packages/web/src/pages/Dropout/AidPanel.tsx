import {
  AID_CHECK_LABELS,
  AID_LEVEL_LABELS,
  AID_METHOD_LABELS,
  AID_PROGRAMME_LABELS,
  AID_STAGE_LABELS,
  AID_TERM_LABELS,
  SPECIAL_GROUP_LABELS,
} from "@luoshi/contract/dropout-vocabulary";
import { LEDGER_STATE_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { App as AntApp, Button, Form, Input, List, Modal, Select, Space, Switch, Table, Tag } from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import type { EvidenceFile } from "../../api/types";
import { EvidenceUpload, uploadedIds } from "../../components/EvidenceUpload";
import { AidCorrectionButton } from "./AidCorrection";
import { optionsOf, StudentFields } from "./CaseModal";
import { type AidChecks, type AidRecord, dropoutApi, schoolYearOf, todayString } from "./dropout-api";
import { D } from "./labels";

type Kind = "identify" | "pay";

/** 学生资助: the 应助尽助 checks per school; a school records 认定 (with evidence) and 发放. */
export function AidPanel({ school }: { school: boolean }) {
  const { message } = AntApp.useApp();
  const [year] = useState(schoolYearOf());
  const [checks, setChecks] = useState<AidChecks | null>(null);
  const [idents, setIdents] = useState<AidRecord[]>([]);
  const [payments, setPayments] = useState<AidRecord[]>([]);
  const [open, setOpen] = useState<Kind | null>(null);
  const [files, setFiles] = useState<UploadFile<EvidenceFile>[]>([]);
  const [form] = Form.useForm();

  const load = useCallback(() => {
    void dropoutApi.checks(year).then(setChecks);
    if (school) void dropoutApi.identifications(year).then(setIdents);
    if (school) void dropoutApi.payments(year).then(setPayments);
  }, [year, school]);
  useEffect(load, [load]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (open === "identify") await dropoutApi.identify({ ...v, schoolYear: year, evidence: uploadedIds(files) });
      else await dropoutApi.pay({ ...v, schoolYear: year });
      message.success(D.recorded);
      setOpen(null);
      setFiles([]);
      form.resetFields();
      load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const approve = async (id: string) => {
    try {
      await dropoutApi.review(id, { action: "identify", fields: {} });
      message.success(D.done);
      load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <span>
          {D.schoolYear}：{year}
        </span>
        {school && (
          <>
            <Button onClick={() => setOpen("identify")}>{D.identify}</Button>
            <Button onClick={() => setOpen("pay")}>{D.pay}</Button>
          </>
        )}
      </Space>
      <Table
        size="small"
        rowKey="orgId"
        pagination={false}
        scroll={{ x: true }}
        dataSource={checks?.schools ?? []}
        columns={[
          { title: D.school, dataIndex: "orgName" },
          { title: D.identifiedCount, dataIndex: "identified" },
          { title: D.aided, dataIndex: "aided" },
          { title: D.unaided, dataIndex: "unaided" },
          { title: D.duplicate, dataIndex: "duplicate" },
          { title: D.unidentified, dataIndex: "unidentified" },
        ]}
      />
      <h4>{D.checks}</h4>
      <List
        className="aid-checks"
        dataSource={checks?.items ?? []}
        locale={{ emptyText: D.noFindings }}
        renderItem={(i) => (
          <List.Item data-check={i.check}>
            <Space wrap size={4}>
              <Tag color="red">{AID_CHECK_LABELS[i.check]}</Tag>
              <span>{i.orgName}</span>
              <span>
                {i.studentName} {i.studentNo}
              </span>
              {i.programme && <span>{AID_PROGRAMME_LABELS[i.programme as keyof typeof AID_PROGRAMME_LABELS]}</span>}
            </Space>
          </List.Item>
        )}
      />
      {school && (
        <>
          <h4>{D.identifications}</h4>
          <List
            dataSource={idents}
            renderItem={(r) => (
              <List.Item
                data-identification={r.id}
                style={{ flexWrap: "wrap", gap: 4 }}
                actions={[
                  ...(r.state === "applied"
                    ? [
                        <Button key="ok" size="small" onClick={() => void approve(r.id)}>
                          {D.approve}
                        </Button>,
                      ]
                    : []),
                  <AidCorrectionButton key="fix" kind="identification" record={r} onDone={load} />,
                ]}
              >
                {String(r.fields.studentName ?? "")} {String(r.fields.studentNo ?? "")} · {LEDGER_STATE_LABELS[r.state]}
              </List.Item>
            )}
          />
          <h4>{D.payments}</h4>
          <List
            dataSource={payments}
            renderItem={(r) => (
              <List.Item
                data-payment={r.id}
                style={{ flexWrap: "wrap", gap: 4 }}
                actions={[<AidCorrectionButton key="fix" kind="payment" record={r} onDone={load} />]}
              >
                {String(r.fields.studentName ?? "")} ·{" "}
                {AID_PROGRAMME_LABELS[r.fields.programme as keyof typeof AID_PROGRAMME_LABELS] ?? ""} ·{" "}
                {AID_TERM_LABELS[r.fields.term as keyof typeof AID_TERM_LABELS] ?? ""} · {String(r.fields.amount ?? "")}{" "}
                元
              </List.Item>
            )}
          />
        </>
      )}
      <Modal
        title={open === "identify" ? D.identifyTitle : D.payTitle}
        open={open !== null}
        onCancel={() => setOpen(null)}
        onOk={() => void submit()}
        okText={D.submit}
        width={Math.min(520, window.innerWidth)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            stage: "junior",
            basis: "minimum_living",
            level: "general",
            appliedOn: todayString(),
            programme: "living_allowance",
            term: new Date().getMonth() >= 8 ? "autumn" : "spring",
            boarding: false,
            paidOn: todayString(),
            method: "bank_card",
          }}
        >
          <StudentFields />
          <Form.Item name="stage" label={D.stage}>
            <Select options={optionsOf(AID_STAGE_LABELS)} aria-label={D.stage} />
          </Form.Item>
          {open === "identify" ? (
            <>
              <Form.Item name="basis" label={D.basis}>
                <Select options={optionsOf(SPECIAL_GROUP_LABELS)} aria-label={D.basis} />
              </Form.Item>
              <Form.Item name="level" label={D.level}>
                <Select options={optionsOf(AID_LEVEL_LABELS)} aria-label={D.level} />
              </Form.Item>
              <Form.Item name="appliedOn" label={D.appliedOn}>
                <Input type="date" />
              </Form.Item>
              <EvidenceUpload files={files} onChange={setFiles} label={D.evidence} />
            </>
          ) : (
            <>
              <Form.Item name="programme" label={D.programme}>
                <Select options={optionsOf(AID_PROGRAMME_LABELS)} aria-label={D.programme} />
              </Form.Item>
              <Form.Item name="term" label={D.term}>
                <Select options={optionsOf(AID_TERM_LABELS)} aria-label={D.term} />
              </Form.Item>
              <Form.Item name="boarding" label={D.boarding} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="paidOn" label={D.paidOn}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="method" label={D.method} extra={D.amountHint}>
                <Select options={optionsOf(AID_METHOD_LABELS)} aria-label={D.method} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
