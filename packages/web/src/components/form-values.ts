import type { FormInstance } from "antd";

/**
 * The form's values, or null when a field is invalid: the form already shows why, in Chinese,
 * beside the field, so an empty submit ends there instead of as an unhandled rejection.
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch (e) {
    if (e && typeof e === "object" && "errorFields" in e) return null;
    throw e;
  }
}
