/**
 * Which URLs may be registered as webhooks: absolute http(s) only, with a host and no
 * credentials in the URL (the secret signs requests; a password in the URL would show in the
 * dashboard). Whether the host resolves is checked on the server. Pure: no framework imports.
 */
export function webhookUrlProblem(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return "not an absolute URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `only http and https URLs are allowed, not ${url.protocol.replace(/:$/, "")}`;
  if (!url.hostname) return "the URL has no host";
  if (url.username || url.password) return "credentials in the URL are not allowed; receivers check the signature instead";
  if (url.hash) return "a URL fragment is never sent; remove it";
  return null;
}
