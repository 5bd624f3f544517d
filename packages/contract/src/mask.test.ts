import { describe, expect, it } from "vitest";
import { maskIdNumber, maskName, maskPersonal, maskPhone, WITHHELD } from "./mask.js";
import type { PersonalKind } from "./personal-data.js";

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

  it("every personal kind by its kind: masked, or withheld entirely", () => {
    const cases: Record<PersonalKind, [string, string]> = {
      phone: ["13812345678", "138****5678"],
      name: ["张小明", "张*明"],
      id_number: ["430102200801011234", "4301**********1234"],
      health: ["哮喘", WITHHELD],
      family: ["单亲", WITHHELD],
      scores: ["95", WITHHELD],
    };
    for (const [kind, [value, masked]] of Object.entries(cases))
      expect(maskPersonal(kind as PersonalKind, value), kind).toBe(masked);
  });
});
