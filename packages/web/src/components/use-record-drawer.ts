import { App as AntApp, Form } from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../api/client";
import type { EvidenceFile } from "../api/types";

/**
 * The state of a ledger record's drawer (a hazard, a dropout case): the record loaded by id, the
 * evidence being attached, the step form, and `act`, which takes a step, shows `done` and clears
 * the form and the evidence. Errors are shown in Chinese from the server's message.
 */
export function useRecordDrawer<R, S>(
  id: string | null,
  api: { load: (id: string) => Promise<R>; step: (id: string, body: S) => Promise<R> },
  done: string,
  onChanged: () => void,
) {
  const { message } = AntApp.useApp();
  const [item, setItem] = useState<R | null>(null);
  const [files, setFiles] = useState<UploadFile<EvidenceFile>[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const { load: fetchOne, step } = api;

  const load = useCallback(() => {
    if (id) fetchOne(id).then(setItem, (e: unknown) => message.error(messageOf(e)));
  }, [id, message, fetchOne]);
  useEffect(() => {
    setItem(null);
    setFiles([]);
    form.resetFields();
    load();
  }, [load, form]);

  const act = async (body: S) => {
    if (!id) return;
    setBusy(true);
    try {
      setItem(await step(id, body));
      message.success(done);
      setFiles([]);
      form.resetFields();
      onChanged();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return { item, setItem, files, setFiles, busy, form, act, load, message };
}
