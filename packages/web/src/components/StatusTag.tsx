import { Tag } from "antd";
import { STATUS, STATUS_COLOR, type TaskStatus } from "../labels";

export const StatusTag = ({ status }: { status: TaskStatus }) => (
  <Tag color={STATUS_COLOR[status]}>{STATUS[status]}</Tag>
);
