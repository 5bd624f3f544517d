import { App, DatePicker, Form, Modal, Select, TreeSelect, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { BatchAssignment } from "../../api/types";
import { validValues } from "../../components/form-values";
import type { OrgNode } from "../../components/org-tree";
import { CADENCES, type Cadence, PUB } from "../../labels";

interface Props {
  planId: string;
  taskIds: string[];
  orgs: OrgNode[];
  onClose: () => void;
  onDone: () => void;
}

interface Values {
  lead?: string[];
  co?: string[];
  dueDate?: Dayjs | null;
  cadence?: Cadence | "plan";
}

/** Several organisations picked from the tree, searchable by name. */
export const orgPicker = (orgs: OrgNode[], label: string) => (
  <TreeSelect
    aria-label={label}
    multiple
    showSearch
    allowClear
    treeNodeFilterProp="title"
    treeDefaultExpandAll
    treeData={orgs}
    placeholder={label}
    style={{ width: "100%" }}
  />
);

/** Units (lead/co), a deadline and a cadence for the selected tasks, before or after publishing. */
export function BatchAssignModal({ planId, taskIds, orgs, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body: BatchAssignment = { taskIds };
    if ((v.lead?.length ?? 0) > 0 || (v.co?.length ?? 0) > 0) {
      body.lead = v.lead ?? [];
      body.co = v.co ?? [];
    }
    if (v.dueDate) body.dueDate = v.dueDate.format("YYYY-MM-DD");
    if (v.cadence) body.cadence = v.cadence === "plan" ? null : v.cadence;
    if (!body.lead && !body.dueDate && body.cadence === undefined) {
      message.warning(PUB.assignNothing);
      return;
    }
    try {
      await api.assignTasks(planId, body);
      message.success(PUB.assigned(taskIds.length));
      onDone();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Modal
      open
      title={PUB.batchAssignTitle(taskIds.length)}
      onCancel={onClose}
      onOk={submit}
      okText={PUB.batchAssign}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{PUB.assignHint}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical">
        <Form.Item
          label={PUB.leadUnits}
          name="lead"
          dependencies={["co"]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, lead?: string[]) =>
                (getFieldValue("co")?.length ?? 0) > 0 && (lead?.length ?? 0) === 0
                  ? Promise.reject(new Error(PUB.leadRequired))
                  : Promise.resolve(),
            }),
          ]}
        >
          {orgPicker(orgs, PUB.leadUnits)}
        </Form.Item>
        <Form.Item label={PUB.coUnits} name="co">
          {orgPicker(orgs, PUB.coUnits)}
        </Form.Item>
        <Form.Item label={PUB.dueDate} name="dueDate">
          <DatePicker aria-label={PUB.dueDate} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={PUB.cadence} name="cadence">
          <Select
            aria-label={PUB.cadence}
            allowClear
            options={[
              { value: "plan", label: PUB.cadenceFollowPlan },
              ...Object.entries(CADENCES).map(([value, label]) => ({ value, label })),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
