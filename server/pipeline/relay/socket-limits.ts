/**
 * Sizes and counts the live channel accepts from one client. One anonymous client sending
 * megabyte frames (Socket.IO's default limit is 1 MB) stalled tracking for every customer.
 */

/** A message (websocket frame, or a long-polling POST of several packets): events carry a token and a number. */
export const MAX_SOCKET_MESSAGE_BYTES = 8 * 1024;

/**
 * Sockets open at once from one address. High enough for a carrier's NAT in front of many
 * customers' phones or a depot of drivers, low enough that one machine cannot hold the heap.
 */
export const MAX_SOCKETS_PER_IP = 200;
