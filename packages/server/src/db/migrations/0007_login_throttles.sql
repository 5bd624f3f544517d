-- Login throttling replaces the hard lock (users.failed_attempts and users.locked_until stay,
-- unused). One row per throttled key: an account ('account:' + lower-case username, known or
-- not), a client address ('client:' + IP) or a device a user has signed in from before
-- ('device:' + hash of its cookie). Operational state, like sessions.
CREATE TABLE login_throttles (
  key           text PRIMARY KEY,
  region_id     text,
  failures      integer NOT NULL DEFAULT 0,
  blocked_until timestamptz,
  last_attempt  timestamptz NOT NULL,
  attempt_id    text,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX login_throttles_region_idx ON login_throttles (region_id, blocked_until);

-- Browsers a user has signed in from: a throttled account still signs in from them.
CREATE TABLE login_devices (
  token_hash text PRIMARY KEY,
  region_id  text NOT NULL,
  user_id    text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  last_used  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX login_devices_user_idx ON login_devices (region_id, user_id);

-- Usernames are unique regardless of case. Existing case-variants are kept, the oldest under its
-- name and every later one renamed to name-dup-<id prefix>, each rename audited.
WITH ranked AS (
  SELECT region_id, id, username,
    row_number() OVER (PARTITION BY region_id, lower(username) ORDER BY created_at, id) AS n
  FROM users
),
renamed AS (
  UPDATE users u SET username = r.username || '-dup-' || left(r.id, 8), updated_at = clock_timestamp()
  FROM ranked r
  WHERE u.region_id = r.region_id AND u.id = r.id AND r.n > 1
  RETURNING u.region_id, u.id, r.username AS before_name, u.username AS after_name
)
INSERT INTO audit_events (region_id, id, actor_id, entity, entity_id, action, before, after)
SELECT region_id, 'mig0007-' || id, NULL, 'user', id, 'rename',
  jsonb_build_object('username', before_name), jsonb_build_object('username', after_name)
FROM renamed;
CREATE UNIQUE INDEX users_username_lower_uq ON users (region_id, lower(username));
CREATE INDEX users_username_lower_idx ON users (lower(username));

-- The delivery log keeps the robot's HTTP status and its errcode, never its reply.
ALTER TABLE webhook_deliveries ADD COLUMN last_http_status integer;
ALTER TABLE webhook_deliveries ADD COLUMN last_errcode integer;
UPDATE webhook_deliveries SET last_error = left(last_error, 40) WHERE last_error LIKE 'errcode %';
