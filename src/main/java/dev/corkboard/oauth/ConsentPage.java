package dev.corkboard.oauth;

/**
 * The consent page, rendered on the server: the app's name, what it asks for, and a form with the
 * account's username and password. Every value from a request or an app is escaped.
 */
final class ConsentPage {

  private ConsentPage() {}

  /** The page asking the account to approve the request, with an error line if a try failed. */
  static String form(Authorization request, String consentToken, String error) {
    StringBuilder scopes = new StringBuilder();
    for (String scope : request.scopes()) {
      scopes.append("<li><code>").append(escape(scope)).append("</code></li>");
    }
    return page(
        "Authorize " + request.appName(),
        "<h1>"
            + escape(request.appName())
            + " wants to use your Corkboard account</h1>"
            + "<p>It asks for:</p><ul>"
            + scopes
            + "</ul><p>You will be sent back to <code>"
            + escape(request.redirectUri())
            + "</code>.</p>"
            + (error.isEmpty() ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>")
            + "<form method=\"post\" action=\"/oauth/\">"
            + "<input type=\"hidden\" name=\"consent_token\" value=\""
            + escape(consentToken)
            + "\">"
            + "<label>Username <input name=\"username\" autocomplete=\"username\" required></label>"
            + "<label>Password <input name=\"password\" type=\"password\""
            + " autocomplete=\"current-password\" required></label>"
            + "<button name=\"decision\" value=\"approve\">Allow</button> "
            + "<button name=\"decision\" value=\"deny\" formnovalidate>Deny</button>"
            + "</form>");
  }

  /** A page that only explains why the request cannot go on. */
  static String problem(String message) {
    return page(
        "Authorization failed",
        "<h1>This authorization cannot go on</h1><p>" + escape(message) + "</p>");
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(title)
        + "</title><style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto;"
        + "padding:0 1rem}label{display:block;margin:.5rem 0}.error{color:#b00}</style>"
        + "</head><body>"
        + body
        + "</body></html>";
  }

  /** Escapes text for HTML content and double-quoted attributes. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
