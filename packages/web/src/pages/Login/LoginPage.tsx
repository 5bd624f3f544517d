import { Card, Typography } from "antd";
import { useNavigate, useSearchParams } from "react-router";
import { APP_NAME, APP_SUBTITLE, L } from "../../labels";
import { homePath, useSession } from "../../session";
import { LoginForm } from "./LoginForm";

export default function LoginPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next");
  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f5f5f5", padding: 16 }}>
      <Card style={{ width: "100%", maxWidth: 380 }}>
        <Typography.Title level={3} style={{ textAlign: "center", marginBottom: 0 }}>
          {APP_NAME}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
          {APP_SUBTITLE} · {L.loginTitle}
        </Typography.Paragraph>
        <LoginForm
          onLogin={async (u, p) => {
            const me = await signIn(u, p);
            navigate(next?.startsWith("/") && !next.startsWith("//") ? next : homePath(me), { replace: true });
          }}
        />
      </Card>
    </div>
  );
}
