import { BellOutlined, LogoutOutlined } from "@ant-design/icons";
import { Badge, Button, Grid, Layout, Menu, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useLocation, useNavigate } from "react-router";
import { APP_NAME, NAV, ROLES } from "../labels";
import { PAGES } from "../nav";
import { useMe, useSession } from "../session";
import { ChangePassword } from "./ChangePassword";
import { GlobalSearch } from "./GlobalSearch";
import { useBadges } from "./use-badges";

/** The frame around every signed-in page: brand, the menu the role may use, the user. */
export function AppShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { unread, openNotices } = useBadges(pathname);
  const items = PAGES.filter((p) => p.allow(me)).map((p) =>
    p.path === "/supervision"
      ? {
          key: p.path,
          // The count stands beside the label, not around it: a Badge wrapper sets its own text colour,
          // which left the label dark on the dark menu.
          label: (
            <span>
              {p.label}
              <Badge
                count={openNotices}
                size="small"
                style={{ marginLeft: 4, boxShadow: "none" }}
                title={`${openNotices}份督办单待反馈`}
              />
            </span>
          ),
        }
      : { key: p.path, label: p.label },
  );
  const selected = items.find((i) => pathname.startsWith(i.key))?.key ?? "";
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", gap: 16, padding: "0 16px" }}>
        <Typography.Text strong style={{ color: "#fff", fontSize: 18, whiteSpace: "nowrap" }}>
          {APP_NAME}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          items={items}
          onClick={(e) => navigate(e.key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        {/* On a phone the header has no room for it; the pages there have their own filters. */}
        {screens.md && <GlobalSearch />}
        <Space size={4}>
          <Typography.Text style={{ color: "#ddd" }} className="shell-user" title={ROLES[me.role]}>
            {me.displayName}
          </Typography.Text>
          <Badge count={unread} size="small" offset={[-6, 6]}>
            <Button
              type="text"
              aria-label={`${NAV.notifications}${unread ? `（${unread}条未读）` : ""}`}
              title={NAV.notifications}
              icon={<BellOutlined style={{ color: "#ddd" }} />}
              onClick={() => navigate("/notifications")}
            />
          </Badge>
          <ChangePassword />
          <Button
            type="text"
            aria-label={NAV.logout}
            title={NAV.logout}
            icon={<LogoutOutlined style={{ color: "#ddd" }} />}
            onClick={() => signOut().then(() => navigate("/login"))}
          />
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: "16px clamp(8px, 2vw, 24px)" }}>{children}</Layout.Content>
    </Layout>
  );
}
