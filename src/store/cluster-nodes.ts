/** REDIS_CLUSTER_NODES: `host:port[,host:port…]` (host a name, an IPv4 address or a bracketed IPv6 address). */
const NODE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** REDIS_CLUSTER_NODES as a list of host:port, or undefined when any entry is malformed (or none is given). */
export function parseClusterNodes(value: string): string[] | undefined {
  const nodes = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!nodes.length) return undefined;
  for (const n of nodes) {
    const m = NODE.exec(n);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) return undefined;
  }
  return nodes;
}
