/** An illness-absence case of a class as a 班主任 registers it (tests of issue 16). */
export const anIllnessCase = (classId: string) => ({
  classId,
  studentName: "王小明",
  onsetOn: "2024-05-06",
  absentFrom: "2024-05-06",
  symptoms: ["fever" as const, "cough" as const],
});
