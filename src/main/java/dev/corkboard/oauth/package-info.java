/**
 * OAuth 2 for third-party apps as Pinterest does it: registered apps, the consent page, the
 * authorization code with PKCE, {@code /v5/oauth/token} with rotating refresh tokens, and
 * revocation. The access tokens it issues authenticate through the account feature's token lookup,
 * beside personal tokens.
 */
package dev.corkboard.oauth;
