import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completedMonths, halfYearGroup } from "./age.js";
import { BMI_RANK, bmiOf, classifyBmi, type Sex } from "./bmi.js";
import { WST586_TABLE } from "./wst586-table.js";

// Height 100 cm makes BMI equal the weight, so a cut-off is hit exactly.
const at = (sex: Sex, ageMonths: number, bmi: number) => classifyBmi({ sex, ageMonths, heightCm: 100, weightKg: bmi });
const below = (x: number) => Math.round((x - 0.1) * 10) / 10;
const above = (x: number) => Math.round((x + 0.1) * 10) / 10;

describe("WS/T 586-2018 every row at its boundaries", () => {
  for (const row of WST586_TABLE) {
    for (const [sex, ow, ob] of [
      ["male", row.boyOverweight, row.boyObese],
      ["female", row.girlOverweight, row.girlObese],
    ] as const) {
      it(`${sex} ${row.age.toFixed(1)}: 超重 ${ow}, 肥胖 ${ob}`, () => {
        // The first and the last month of the half-year group both read this row.
        for (const months of [row.age * 12, row.age * 12 + 5]) {
          expect(at(sex, months, below(ow)).category).toBe("normal");
          expect(at(sex, months, ow).category).toBe("overweight");
          expect(at(sex, months, above(ow)).category).toBe(above(ow) >= ob ? "obese" : "overweight");
          expect(at(sex, months, below(ob)).category).toBe("overweight");
          expect(at(sex, months, ob).category).toBe("obese");
          expect(at(sex, months, above(ob)).category).toBe("obese");
          expect(at(sex, months, ob).row).toEqual({ age: row.age, overweight: ow, obese: ob });
        }
      });
    }
  }
});

describe("BMI rule", () => {
  it("rounds BMI half-up to one decimal before comparing (16.35 → 16.4 超重 for a boy of 6.0)", () => {
    expect(bmiOf(100, 16.35)).toBe(16.4);
    expect(at("male", 72, 16.35).category).toBe("overweight");
    expect(at("male", 72, 16.34).category).toBe("normal");
    expect(bmiOf(150, 45)).toBe(20);
    expect(bmiOf(132.5, 30.2)).toBe(17.2);
  });

  it("is out of scope under 6 and keeps the 18.0 row past 18", () => {
    const young = at("female", 71, 30);
    expect(young.category).toBeNull();
    expect(young.explanation).toContain("未满6周岁");
    expect(at("male", 18 * 12 + 30, 24).row?.age).toBe(18);
    expect(at("male", 18 * 12 + 30, 28).category).toBe("obese");
  });

  it("explains the comparison with the row it used", () => {
    const r = at("female", 13 * 12 + 2, 25.0);
    expect(r.explanation).toBe("WS/T 586-2018 女 13.0岁组：超重≥22.2，肥胖≥25.0；BMI 25.0≥25.0，肥胖");
    expect(r.rule).toBe("WS/T 586-2018");
  });

  it("a heavier child at the same height never falls in a better category", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Sex>("male", "female"),
        fc.integer({ min: 72, max: 230 }),
        fc.double({ min: 100, max: 190, noNaN: true }),
        fc.double({ min: 15, max: 90, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (sex, months, h, w, more) => {
          const a = classifyBmi({ sex, ageMonths: months, heightCm: h, weightKg: w }).category;
          const b = classifyBmi({ sex, ageMonths: months, heightCm: h, weightKg: w + more }).category;
          expect(BMI_RANK[b!]).toBeGreaterThanOrEqual(BMI_RANK[a!]);
        },
      ),
    );
  });
});

describe("age", () => {
  it("counts completed months at the measurement date and floors to the half year", () => {
    expect(completedMonths("2018-03-15", "2024-03-15")).toBe(72);
    expect(completedMonths("2018-03-15", "2024-03-14")).toBe(71);
    expect(completedMonths("2018-01-31", "2024-02-29")).toBe(73);
    expect(halfYearGroup(77)).toBe(6);
    expect(halfYearGroup(78)).toBe(6.5);
    expect(halfYearGroup(83)).toBe(6.5);
    expect(halfYearGroup(84)).toBe(7);
  });
});
