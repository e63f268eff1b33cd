/** Accounts, passwords, access tokens and their scopes, and v5 {@code user_account}. */
package dev.corkboard.account;
