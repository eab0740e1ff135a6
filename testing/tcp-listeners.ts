/**
 * The TCP ports this process (every thread of it) listens on, read from /proc: the sockets among
 * its open file descriptors that /proc/net/tcp{,6} lists in state LISTEN. Linux only; null elsewhere.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from "node:fs";

const LISTEN = "0A";

export function tcpPortsListenedOn(): number[] | null {
  if (!existsSync("/proc/self/fd") || !existsSync("/proc/net/tcp")) return null;
  const inodes = new Set<string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // The descriptor closed while we read the directory.
    }
  }
  const ports: number[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const [localAddress, state, inode] = [fields[1], fields[3], fields[9]];
      if (state === LISTEN && inode && inodes.has(inode) && localAddress) ports.push(parseInt(localAddress.split(":")[1] ?? "0", 16));
    }
  }
  return ports.sort((a, b) => a - b);
}
