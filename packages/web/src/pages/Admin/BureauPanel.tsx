import { Alert, App, Button, Col, Form, Input, Row, Typography } from "antd";
import { useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { Letterhead } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { useAsync } from "../../components/use-async";
import { BUL } from "./bureau-labels";

const required = [{ required: true, whitespace: true, message: BUL.required }];

/** 系统管理 › 公文设置: the bureau's letterhead, document numbers, 署名 and contact line. */
export function BureauPanel() {
  const { message } = App.useApp();
  const state = useAsync(() => api.bureauProfile(), []);
  const [form] = Form.useForm<Letterhead>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (state.data) form.setFieldsValue(state.data.profile);
  }, [state.data, form]);
  const onSave = async (values: Letterhead) => {
    setSaving(true);
    try {
      await api.saveBureauProfile({
        ...values,
        contactLine: values.contactLine ?? "",
        ccLine: values.ccLine ?? "",
        printingOffice: values.printingOffice ?? "",
      });
      message.success(BUL.saved);
      state.reload();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <AsyncView state={state}>
      {(data) => (
        <Form form={form} layout="vertical" initialValues={data.profile} onFinish={onSave} style={{ maxWidth: 880 }}>
          <Typography.Paragraph type="secondary">{BUL.intro}</Typography.Paragraph>
          {!data.saved && <Alert type="info" showIcon title={BUL.defaults} style={{ marginBottom: 16 }} />}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="fullName" label={BUL.fullName} rules={required}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="shortName" label={BUL.shortName} rules={required}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="mark" label={BUL.mark} extra={BUL.markHelp} rules={required}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="signature" label={BUL.signature} rules={required}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="noticeNumberPattern" label={BUL.noticePattern} rules={required}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="bulletinNumberPattern" label={BUL.bulletinPattern} rules={required}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                {BUL.patternHelp}
                <br />
                {BUL.nextNumbers(data.next.notice, data.next.bulletin)}
              </Typography.Paragraph>
            </Col>
            <Col span={24}>
              <Form.Item name="contactLine" label={BUL.contactLine}>
                <Input maxLength={200} placeholder={BUL.contactPlaceholder} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="ccLine" label={BUL.ccLine}>
                <Input maxLength={300} placeholder={BUL.ccPlaceholder} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="printingOffice" label={BUL.printingOffice}>
                <Input maxLength={100} placeholder={BUL.printingOfficePlaceholder} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={saving}>
            {BUL.save}
          </Button>
        </Form>
      )}
    </AsyncView>
  );
}
