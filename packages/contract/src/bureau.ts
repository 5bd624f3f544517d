import { type Static, Type } from "@sinclair/typebox";
import { Nullable } from "./common.js";

const text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength });

/** The bureau's letterhead (系统管理 › 公文设置): PUT /api/bureau-profile takes it. */
export const Letterhead = Type.Object(
  {
    /** 发文机关全称. */
    fullName: text(100),
    /** 发文机关简称. */
    shortName: text(50),
    /** 发文机关标志, printed red on top of page 1. */
    mark: text(100),
    /** 督办单 发文字号 pattern with {year} and {n}, e.g. 青教体督〔{year}〕{n}号. */
    noticeNumberPattern: text(60),
    /** 通报 发文字号 pattern. */
    bulletinNumberPattern: text(60),
    /** 署名 above the 成文日期. */
    signature: text(100),
    /** 联系人 and 电话, printed as the 附注; empty for none. */
    contactLine: text(200, 0),
    /** 版记: the 抄送机关 of every 通报 and 督办单 (e.g. 县委教育工委，县政府督查室); empty for no 抄送 line. */
    ccLine: Type.Optional(text(300, 0)),
    /** 版记: the 印发机关 (e.g. the bureau's 办公室); empty prints the 发文机关全称. */
    printingOffice: Type.Optional(text(100, 0)),
  },
  { additionalProperties: false },
);
export type Letterhead = Static<typeof Letterhead>;

/** GET and PUT /api/bureau-profile answer it. */
export const BureauProfile = Type.Object({
  profile: Letterhead,
  /** False while the region uses the defaults drawn from its name. */
  saved: Type.Boolean(),
  updatedAt: Nullable(Type.String()),
  /** The number the next document of each kind will get. */
  next: Type.Object({ notice: Type.String(), bulletin: Type.String() }),
});
export type BureauProfile = Static<typeof BureauProfile>;
