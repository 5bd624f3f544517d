import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { ApiError, messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { ImportedAccount, ImportRowProblem, Org } from "../../api/types";
import { L, ROLES } from "../../labels";

type Outcome =
  | { kind: "problems"; problems: ImportRowProblem[] }
  | { kind: "checked"; accounts: ImportedAccount[]; file: File }
  | { kind: "done"; accounts: ImportedAccount[] };

/**
 * 批量导入用户: download the template, upload the filled sheet; it is checked first (every bad row
 * listed with its row number), then imported on confirmation; generated passwords are shown once.
 */
export function UsersImport({ orgs, onImported }: { orgs: Org[]; onImported: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const send = async (file: File, dryRun: boolean) => {
    setBusy(true);
    try {
      const r = await api.importUsers(file, dryRun);
      setOutcome(dryRun ? { kind: "checked", accounts: r.accounts, file } : { kind: "done", accounts: r.accounts });
      if (!dryRun) {
        message.success(L.usersImported(r.accounts.length));
        onImported();
      }
    } catch (e) {
      const problems = (e instanceof ApiError && (e.details as { problems?: ImportRowProblem[] })?.problems) || null;
      if (problems) setOutcome({ kind: "problems", problems });
      else message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const accountsTable = (accounts: ImportedAccount[], withPasswords: boolean) => (
    <Table<ImportedAccount>
      rowKey="row"
      size="small"
      scroll={{ x: true }}
      pagination={false}
      dataSource={accounts}
      columns={[
        { title: L.row, dataIndex: "row", width: 60 },
        { title: L.username, dataIndex: "username" },
        { title: L.displayName, dataIndex: "displayName" },
        { title: L.org, render: (_, a) => orgName.get(a.orgId) ?? a.orgId },
        { title: L.role, render: (_, a) => ROLES[a.role] },
        ...(withPasswords
          ? [
              {
                title: L.initialPassword,
                render: (_: unknown, a: ImportedAccount) =>
                  a.generatedPassword ? (
                    <Typography.Text copyable className="generated-password">
                      {a.generatedPassword}
                    </Typography.Text>
                  ) : (
                    L.asInSheet
                  ),
              },
            ]
          : []),
      ]}
    />
  );
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {L.importUsers}
      </Button>
      <Modal
        open={open}
        width={760}
        title={L.importUsers}
        onCancel={() => {
          setOpen(false);
          setOutcome(null);
        }}
        footer={
          outcome?.kind === "checked" ? (
            <Button type="primary" loading={busy} onClick={() => send(outcome.file, false)}>
              {L.importConfirm(outcome.accounts.length)}
            </Button>
          ) : null
        }
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Paragraph type="secondary">{L.importUsersHint}</Typography.Paragraph>
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={api.usersTemplateUrl} download>
              {L.downloadTemplate}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void send(file, true);
                return false;
              }}
            >
              <Button type="primary" loading={busy} icon={<UploadOutlined />}>
                {L.chooseSheet}
              </Button>
            </Upload>
          </Space>
          {outcome?.kind === "problems" && (
            <>
              <Alert type="error" showIcon title={L.importHasProblems(outcome.problems.length)} />
              <Table<ImportRowProblem>
                rowKey={(p) => `${p.row}-${p.code}`}
                size="small"
                pagination={false}
                dataSource={outcome.problems}
                columns={[
                  { title: L.row, dataIndex: "row", width: 60 },
                  { title: L.problem, dataIndex: "message" },
                  { title: L.sheetValue, dataIndex: "value" },
                ]}
              />
            </>
          )}
          {outcome?.kind === "checked" && (
            <>
              <Alert type="success" showIcon title={L.importChecked(outcome.accounts.length)} />
              {accountsTable(outcome.accounts, false)}
            </>
          )}
          {outcome?.kind === "done" && (
            <>
              <Alert type="warning" showIcon title={L.generatedPasswordsOnce} />
              {accountsTable(outcome.accounts, true)}
            </>
          )}
        </Space>
      </Modal>
    </>
  );
}
