import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import type { Block } from "../model.js";
import { readDocument } from "./index.js";

const PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>站点首页</title><style>p{color:red}</style>
<script>var nav = "一、不应出现";</script></head>
<body class="page has-sidebar">
<div class="top-nav"><a href="/">首页</a><a href="/jy">教育动态</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 通知公告</div>
<div class="article">
  <h1>城南县教育和体育局2025年工作要点</h1>
  <p>一、推进学前教育
     普惠发展</p>
  <p>1.完善幼儿园扶持办法&nbsp;（责任单位：基教股、财务股）<br>（6月底前完成）</p>
  <table border="1">
    <tr><th>类别</th><th>工作任务</th><th>责任单位</th></tr>
    <tr><td rowspan="2">队伍建设</td><td>开展骨干教师评选</td><td>人事股</td></tr>
    <tr><td>实施新教师入职培训</td><td>教师发展中心</td></tr>
    <tr><td colspan="2">合计两项</td><td>—</td></tr>
  </table>
  <div class="share-box">分享到：微信 微博</div>
</div>
<div id="recommendList"><ul><li>相关推荐：全县中小学开学工作会召开</li></ul></div>
<div class="footer">版权所有 &copy; 城南县教育和体育局</div>
</body></html>`;

const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
const rows = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "row" ? [b.cells] : []));

describe("html reader", () => {
  it("keeps the plan's paragraphs and drops navigation, breadcrumbs, sharing, recommendations, footers", async () => {
    const { format, blocks } = await readDocument(new TextEncoder().encode(PAGE), "index.html");
    expect(format).toBe("html");
    expect(texts(blocks)).toEqual([
      "城南县教育和体育局2025年工作要点",
      "一、推进学前教育普惠发展",
      "1.完善幼儿园扶持办法（责任单位：基教股、财务股）",
      "（6月底前完成）",
    ]);
  });

  it("repeats a category merged over rows into each row, and colspan text into each column", async () => {
    const { blocks } = await readDocument(new TextEncoder().encode(PAGE));
    expect(rows(blocks)).toEqual([
      ["类别", "工作任务", "责任单位"],
      ["队伍建设", "开展骨干教师评选", "人事股"],
      ["队伍建设", "实施新教师入职培训", "教师发展中心"],
      ["合计两项", "合计两项", "—"],
    ]);
    expect(blocks.find((b) => b.kind === "row")).toMatchObject({ table: 0 });
  });

  it("decodes a GBK page declared by <meta http-equiv>", async () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' +
      "<body><p>二、深化课堂教学改革</p><p>3.推广优秀教学成果。（年底前）</p></body></html>";
    const { blocks } = await readDocument(iconv.encode(html, "gbk"));
    expect(texts(blocks)).toEqual(["二、深化课堂教学改革", "3.推广优秀教学成果。（年底前）"]);
  });

  it("reads a page laid out with nested tables as paragraphs, not as one huge cell", async () => {
    const html =
      '<table><tr><td class="menu">网站导航</td></tr><tr><td><table><tr><td>' +
      "<p>一、办学条件改善</p><p>1.完成两所学校食堂改造。</p></td></tr></table></td></tr></table>";
    const { blocks } = await readDocument(new TextEncoder().encode(html));
    expect(texts(blocks)).toEqual(["一、办学条件改善", "1.完成两所学校食堂改造。"]);
  });

  it("reads a WeChat article from #js_content under its headline, without the account box and the links below", async () => {
    const html = `<html><body><div id="js_article"><div class="rich_media_area_primary">
      <h1 class="rich_media_title" id="activity-name">  青溪县教育和体育局2026年工作要点  </h1>
      <div id="meta_content"><span class="rich_media_meta">青溪教体</span><em id="publish_time">2026-02-10</em></div>
      <div class="rich_media_content" id="js_content" style="visibility: hidden;">
        <section><section><p><span style="font-size:16px">一、</span><span><strong>加强党的建设</strong></span></p></section></section>
        <section><p><span>1.深化清廉学校建设。</span><span>（责任单位：党建办）</span></p></section>
        <p><br></p>
      </div></div>
      <div class="rich_media_tool"><a href="#">阅读原文</a></div>
      <div id="js_related"><a href="/s/1">青溪县2025年工作要点</a><a href="/s/2">青溪县2024年工作要点</a><a href="/s/3">往期回顾</a></div>
    </div></body></html>`;
    const { blocks } = await readDocument(new TextEncoder().encode(html), "wechat.html");
    expect(texts(blocks)).toEqual([
      "青溪县教育和体育局2026年工作要点",
      "一、加强党的建设",
      "1.深化清廉学校建设。（责任单位：党建办）",
    ]);
  });

  it("keeps the lines of a portal's <pre> and of a paragraph split by <br>, and drops its box of related links, heading and all", async () => {
    const html = `<html><body><div class="wrap"><h1>青溪县教育和体育局2026年工作要点</h1>
      <pre>一、加强党的建设
  1.深化清廉学校建设。（责任单位：党建办）
2.抓实意识形态工作。（责任单位：办公室）</pre>
      <div>二、推动优质均衡<br>3.扩大学前教育资源。<br/>4.推进集团化办学。</div>
      <div class="box"><h3>相关链接</h3><ul>
        <li><a href="/a">青溪县教育和体育局2025年工作要点</a></li>
        <li><a href="/b">青溪县教育和体育局2024年工作要点</a></li>
        <li><a href="/c">全县教育工作会议召开</a></li></ul></div>
    </div></body></html>`;
    const { blocks } = await readDocument(new TextEncoder().encode(html), "page.html");
    expect(texts(blocks)).toEqual([
      "青溪县教育和体育局2026年工作要点",
      "一、加强党的建设",
      "1.深化清廉学校建设。（责任单位：党建办）",
      "2.抓实意识形态工作。（责任单位：办公室）",
      "二、推动优质均衡",
      "3.扩大学前教育资源。",
      "4.推进集团化办学。",
    ]);
  });

  it("reads only a portal's article container (.TRS_Editor) under the headline above it", async () => {
    const html = `<html><body><div class="top"><a href="/">首页</a> 欢迎访问青溪县人民政府网站</div>
      <div class="position">您所在的位置：首页 &gt; 政务公开 &gt; 计划总结</div>
      <div class="title">青溪县教育和体育局2026年工作要点</div><div class="info">发布时间：2026-02-10 来源：县教体局</div>
      <div class="TRS_Editor"><p>一、加强党的建设</p><p>1.深化清廉学校建设，年内创建党建示范校3所。（责任单位：党建办）</p></div>
      <div class="bottom">主办：青溪县人民政府办公室 备案号：0000</div></body></html>`;
    const { blocks } = await readDocument(new TextEncoder().encode(html), "art.html");
    expect(texts(blocks)).toEqual([
      "青溪县教育和体育局2026年工作要点",
      "一、加强党的建设",
      "1.深化清廉学校建设，年内创建党建示范校3所。（责任单位：党建办）",
    ]);
  });
});
