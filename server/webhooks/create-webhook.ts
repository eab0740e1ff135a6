import { randomBytes, randomUUID } from "node:crypto";
import { lookup } from "node:dns/promises";
import type { TCreateWebhookRequest } from "../../lib/schemas/webhooks";
import type { CoreDeps } from "../deps";
import { ApiError } from "../http/api-error";

const LOOKUP_TIMEOUT_MS = 3_000;

/** 422 when the URL's host does not resolve now: a typo is caught at registration, not after ten retries. */
async function assertHostResolves(url: string): Promise<void> {
  const { hostname } = new URL(url);
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("lookup timed out")), LOOKUP_TIMEOUT_MS);
  });
  try {
    await Promise.race([lookup(host), timeout]);
  } catch (error) {
    throw new ApiError(422, "unknown_host", `the webhook's host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  } finally {
    clearTimeout(timer);
  }
}

/** Registers a webhook; the answer is the only time its secret is shown. */
export async function createWebhook(deps: Pick<CoreDeps, "prisma">, input: TCreateWebhookRequest) {
  await assertHostResolves(input.url);
  const secret = input.secret ?? randomBytes(32).toString("base64url");
  const webhook = await deps.prisma.webhook.create({
    data: { id: randomUUID(), url: input.url, secret, description: input.description ?? null },
  });
  return { id: webhook.id, url: webhook.url, description: webhook.description, secret, createdAt: webhook.createdAt.toISOString() };
}
