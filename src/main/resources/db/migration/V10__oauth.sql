-- OAuth 2 for third-party apps, as Pinterest does it.

-- An access token may expire: personal tokens never do (NULL), an app's access token does.
ALTER TABLE token_lookup ADD COLUMN expires_at timestamptz;

-- Apps registered by an account; the client id is the app id in digits, the client secret is
-- stored as its SHA-256 only.
CREATE TABLE oauth_apps (
  shard         smallint    NOT NULL,
  id            bigint      NOT NULL,
  account_id    bigint      NOT NULL,
  name          text        NOT NULL,
  secret_hash   bytea       NOT NULL,
  redirect_uris text[]      NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (shard, id)
);
CREATE INDEX oauth_apps_by_account ON oauth_apps (shard, account_id, id);

-- Authorization codes: single-use (taking one deletes it), short-lived, bound to the app, the
-- redirect URI and the PKCE challenge they were issued for.
CREATE TABLE oauth_codes (
  code_hash      bytea       PRIMARY KEY,
  app_id         bigint      NOT NULL,
  account_id     bigint      NOT NULL,
  redirect_uri   text        NOT NULL,
  code_challenge text        NOT NULL,
  scopes         text[]      NOT NULL,
  expires_at     timestamptz NOT NULL
);

-- Refresh tokens, by the hash of their secret. Every refresh rotates: the used token keeps its
-- row with used_at set, so a second use is recognised as theft and revokes its whole family
-- (every refresh token and access token descended from one authorization).
CREATE TABLE oauth_refresh_tokens (
  token_hash  bytea       PRIMARY KEY,
  family_id   bigint      NOT NULL,
  app_id      bigint      NOT NULL,
  account_id  bigint      NOT NULL,
  scopes      text[]      NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX oauth_refresh_tokens_by_family ON oauth_refresh_tokens (family_id);

-- The access tokens an app holds, by family, so revoking a family finds them.
CREATE TABLE oauth_access_tokens (
  token_hash bytea       PRIMARY KEY,
  family_id  bigint      NOT NULL,
  app_id     bigint      NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX oauth_access_tokens_by_family ON oauth_access_tokens (family_id);
CREATE INDEX oauth_access_tokens_by_app ON oauth_access_tokens (app_id);
CREATE INDEX oauth_refresh_tokens_by_app ON oauth_refresh_tokens (app_id);
CREATE INDEX oauth_codes_by_app ON oauth_codes (app_id);
-- The sweep of expired codes and tokens.
CREATE INDEX oauth_codes_by_expiry ON oauth_codes (expires_at);
CREATE INDEX oauth_refresh_tokens_by_expiry ON oauth_refresh_tokens (expires_at);
CREATE INDEX oauth_access_tokens_by_expiry ON oauth_access_tokens (expires_at);

-- Rate limits: what each bucket's window has granted to the servers in slices (see
-- platform.ratelimit). A server leases a slice with one statement and serves requests from it in
-- memory; rows of ended windows are swept.
CREATE TABLE rate_windows (
  bucket       text    NOT NULL,
  window_start bigint  NOT NULL,
  granted      integer NOT NULL,
  last_grant   integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_windows_by_start ON rate_windows (window_start);
