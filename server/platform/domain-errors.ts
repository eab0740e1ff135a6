/**
 * The errors domain functions throw: what went wrong in the domain's words, with a stable `code`
 * for clients and a message for people. No HTTP here: the edge maps each kind to a status and the
 * error shape in one place (server/platform/http/api-error.ts `toApiError` for the API, `toAckError` for
 * socket acks). A domain module imports these, never an HTTP error.
 */

/** How the edge treats an error; one status per kind (see STATUS_OF_KIND in server/platform/http/api-error.ts). */
export type DomainErrorKind = "not_found" | "invalid_input" | "conflict" | "refused" | "not_signed_in" | "forbidden" | "too_large" | "too_many_attempts" | "unavailable";

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    /** Stable, snake_case: clients branch on it. */
    readonly code: string,
    message: string,
    /** When trying again makes sense, after how long (the API sends it as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

// --- Not found: the thing does not exist, or is not the caller's to see -------------------------

export class NotFound extends DomainError {
  readonly kind = "not_found";
  constructor(message: string, code = "not_found") {
    super(code, message);
  }
}

export class OrderNotFound extends NotFound {
  constructor(orderId: string, message = `no order with id ${orderId}`) {
    super(message);
  }
}

export class DriverNotFound extends NotFound {
  constructor(driverId: string, message = `no driver with id ${driverId}`) {
    super(message);
  }
}

/** An unknown or revoked tracking token: the answer does not say which. */
export class TrackingLinkNotFound extends NotFound {
  constructor() {
    super("unknown or revoked tracking link");
  }
}

/** A tracker app's id no driver has; the id is not echoed back (ids must not be told apart). */
export class UnknownTrackerDevice extends NotFound {
  constructor() {
    super("no driver has this tracker id", "unknown_device");
  }
}

export class DeliveryProofNotFound extends NotFound {}

export class WebhookNotFound extends NotFound {
  constructor(webhookId: string) {
    super(`no webhook with id ${webhookId}`);
  }
}

export class StaffAccountNotFound extends NotFound {
  constructor(staffId: string) {
    super(`no staff account with id ${staffId}`);
  }
}

export class MessageNotFound extends NotFound {
  constructor(messageId: string) {
    super(`no message ${messageId}`);
  }
}

// --- Invalid input: well-formed, but the domain cannot use it -----------------------------------

export class InvalidInput extends DomainError {
  readonly kind = "invalid_input";
}

/** An order id in a request that names no order (the request is wrong, not the URL). */
export class UnknownOrders extends InvalidInput {
  constructor(orderIds: readonly string[]) {
    super("unknown_order", `no order with id ${orderIds.join(", ")}`);
  }
}

/** A driver id in a request body that names no driver. */
export class UnknownDriver extends InvalidInput {
  constructor(driverId: string) {
    super("unknown_driver", `no driver with id ${driverId}`);
  }
}

export class InvalidCsv extends InvalidInput {
  constructor(message: string) {
    super("invalid_csv", message);
  }
}

// --- Conflict: the request is valid but the current state forbids it ----------------------------

export class Conflict extends DomainError {
  readonly kind = "conflict";
}

/** A status change the order's lifecycle does not allow (lib/domain transitions). */
export class InvalidTransition extends Conflict {
  constructor(reason: string) {
    super("invalid_transition", reason);
  }
}

/** A second stop at the door: the driver is still at another one (lib/domain/driver-day.ts). */
export class StopAtDoor extends Conflict {
  constructor(message: string) {
    super("stop_at_door", message);
  }
}

/** A route change the orders on it do not allow (`order_cancelled`, `order_finished`, `order_in_progress`). */
export class RouteConflict extends Conflict {}

/** The order is in the wrong state for the customer's action (`order_finished`, `not_delivered`, `already_rated`). */
export class OrderStateConflict extends Conflict {}

/** A unique name already in use (`email_taken`, `tracker_id_taken`). */
export class AlreadyTaken extends Conflict {}

// --- Refused: understood, and will not be done (a webhook to a private address) -----------------

export class Refused extends DomainError {
  readonly kind = "refused";
}

export class WebhookTargetRefused extends Refused {}

// --- Who is asking ------------------------------------------------------------------------------

export class NotSignedIn extends DomainError {
  readonly kind = "not_signed_in";
  constructor(message: string) {
    super("unauthorized", message);
  }
}

export class Forbidden extends DomainError {
  readonly kind = "forbidden";
  constructor(message: string, code = "forbidden") {
    super(code, message);
  }
}

export class TooManySignInAttempts extends DomainError {
  readonly kind = "too_many_attempts";
  constructor(retryAfterSeconds: number) {
    super("too_many_attempts", `too many failed sign-ins; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}

// --- Sizes --------------------------------------------------------------------------------------

export class PayloadTooLarge extends DomainError {
  readonly kind = "too_large";
  constructor(message: string) {
    super("payload_too_large", message);
  }
}

// --- The backbone -------------------------------------------------------------------------------

/** JetStream did not store or confirm in time; the client should send again shortly. */
export class BackboneUnavailable extends DomainError {
  readonly kind = "unavailable";
  constructor(message: string) {
    super("backbone_unavailable", message, 2);
  }
}

/** The change is committed but its outbox events are not published yet (a retry confirms it). */
export class EventsNotPublishedYet extends BackboneUnavailable {
  constructor() {
    super("the change is saved but its events are not on the backbone yet; retry to confirm");
  }
}
