import ExcelJS from "exceljs";

/** Print-ready tables: a merged title row, a bold header, thin borders, A4 landscape. */
export interface SheetSpec {
  name: string;
  title: string;
  header: string[];
  rows: (string | number | null)[][];
  widths: number[];
}

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const FONT = "宋体";

export async function tablesToXlsx(sheets: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Luoshi";
  workbook.created = new Date(0);
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, {
      views: [{ state: "frozen", ySplit: 2 }],
      pageSetup: {
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: "1:2",
      },
    });
    sheet.columns = spec.widths.map((width) => ({ width }));
    const title = sheet.getRow(1);
    title.getCell(1).value = spec.title;
    title.getCell(1).font = { name: FONT, size: 16, bold: true };
    title.getCell(1).alignment = { horizontal: "center", vertical: "middle" };
    title.height = 30;
    sheet.mergeCells(1, 1, 1, spec.header.length);
    const header = sheet.getRow(2);
    header.values = spec.header;
    header.eachCell((c) => {
      c.font = { name: FONT, size: 11, bold: true };
      c.border = BORDER;
      c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    });
    for (const values of spec.rows) {
      const row = sheet.addRow(values);
      row.eachCell({ includeEmpty: true }, (c) => {
        c.font = { name: FONT, size: 11 };
        c.border = BORDER;
        c.alignment = { vertical: "middle", wrapText: true };
      });
    }
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
