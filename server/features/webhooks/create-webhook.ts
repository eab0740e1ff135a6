import { randomUUID } from "node:crypto";
import type { TCreateWebhookRequest } from "../../../lib/schemas/webhooks";
import type { CoreDeps } from "../../deps";
import { WebhookTargetRefused } from "../../platform/domain-errors";
import { generateWebhookSecret } from "./standard-webhooks";
import { isPublicAddress, resolveAllAddresses } from "./webhook-address-policy";

const LOOKUP_TIMEOUT_MS = 3_000;

/**
 * 422 when the URL's host does not resolve now (a typo is caught at registration, not after ten
 * retries), or resolves to a loopback, private or link-local address (unless `allowPrivate`).
 */
async function assertHostResolves(url: string, allowPrivate: boolean): Promise<void> {
  const { hostname } = new URL(url);
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string }[];
  try {
    addresses = await resolveAllAddresses(host, LOOKUP_TIMEOUT_MS);
  } catch (error) {
    throw new WebhookTargetRefused("unknown_host", `the webhook's host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const refused = allowPrivate ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
  if (refused) {
    throw new WebhookTargetRefused(
      "private_address",
      `the webhook's host ${host} is ${refused.address}, a loopback, private, link-local or reserved address (set WEBHOOK_ALLOW_PRIVATE=1 to allow it)`,
    );
  }
}

/** Registers a webhook; the answer is the only time its secret (`whsec_…`) is shown. */
export async function createWebhook(deps: Pick<CoreDeps, "prisma">, input: TCreateWebhookRequest, options: { allowPrivate: boolean }) {
  await assertHostResolves(input.url, options.allowPrivate);
  const secret = input.secret ?? generateWebhookSecret();
  const webhook = await deps.prisma.webhook.create({
    data: { id: randomUUID(), url: input.url, secret, description: input.description ?? null },
  });
  return { id: webhook.id, url: webhook.url, description: webhook.description, secret, createdAt: webhook.createdAt.toISOString() };
}
