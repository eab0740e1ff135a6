/**
 * Source addresses for many sockets from one machine: the relay accepts at most
 * MAX_SOCKETS_PER_IP sockets from one address, and every 127/8 address reaches this machine.
 */
import { MAX_SOCKETS_PER_IP } from "../server/pipeline/relay/socket-limits";

/** Half the relay's limit per address, so reconnections never meet it. */
const SOCKETS_PER_ADDRESS = MAX_SOCKETS_PER_IP / 2;

/** 127.0.1.1, 127.0.1.2, …, SOCKETS_PER_ADDRESS sockets each. */
export function loopbackAddresses(): () => string {
  let opened = 0;
  return () => {
    const block = Math.floor(opened++ / SOCKETS_PER_ADDRESS);
    return `127.0.${1 + Math.floor(block / 250)}.${1 + (block % 250)}`;
  };
}
