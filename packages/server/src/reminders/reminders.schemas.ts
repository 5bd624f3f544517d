import { camel } from "../http/camel.js";

/** Response shapes of notifications, robot endpoints and their delivery log are the contract's. */
export {
  Notification as NotificationSchema,
  ReminderEventSchema as RobotEventSchema,
  WebhookDelivery as DeliverySchema,
  WebhookEndpoint as EndpointSchema,
} from "@luoshi/contract";

export const presentNotification = <N extends { user_id: string | null }>(n: N) => ({
  ...camel(n),
  personal: n.user_id !== null,
});
