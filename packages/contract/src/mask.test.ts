import { describe, expect, it } from "vitest";
import { maskIdNumber, maskName, maskPhone } from "./mask.js";

describe("masking", () => {
  it("身份证号 keeps the region prefix and the last four", () => {
    expect(maskIdNumber("430102200801011234")).toBe("4301**********1234");
    expect(maskIdNumber("43010220080101123X")).toBe("4301**********123X");
    expect(maskIdNumber(" 430102080101123 ")).toBe("4301*******1123");
  });

  it("shorter numbers keep less, and nothing at all when too short", () => {
    expect(maskIdNumber("S00001")).toBe("S****1");
    expect(maskIdNumber("20250123")).toBe("20****23");
    expect(maskIdNumber("12")).toBe("**");
  });

  it("names as 张*明", () => {
    expect(maskName("张小明")).toBe("张*明");
    expect(maskName("欧阳小明")).toBe("欧**明");
    expect(maskName("李娜")).toBe("李*");
    expect(maskName("王")).toBe("*");
    expect(maskName("")).toBe("");
  });

  it("phones as 138****5678", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("138-1234-5678")).toBe("138****5678");
    expect(maskPhone("0731-8888 1234")).toBe("********1234");
  });

  it("never returns the value it was given (length ≥ 1)", () => {
    for (const v of ["430102200801011234", "S00001", "张小明", "13812345678"]) {
      expect(maskIdNumber(v)).not.toBe(v);
      expect(maskPhone(v.replace(/\D/g, "") || "1")).not.toBe(v);
    }
  });
});
